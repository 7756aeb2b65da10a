# SPDX-License-Identifier: EUPL-1.2
"""Political groups and seats are dated data, never code (COMPLIANCE 30; issue 23)."""

import csv
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from comite.models import GroupePolitique, MandatMembre, Siege
from tests.comite.factories import GroupePolitiqueFactory, MandatFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RACINE = Path(__file__).resolve().parents[2]


def membre():
    return UserFactory(membre_comite=True)


def test_a_group_is_active_between_its_start_and_end_dates():
    ancien = GroupePolitiqueFactory(debut=dt.date(2020, 7, 9), fin=dt.date(2026, 3, 22))
    nouveau = GroupePolitiqueFactory(debut=dt.date(2026, 4, 9))
    assert list(GroupePolitique.objects.en_activite(dt.date(2026, 3, 22))) == [ancien]
    assert list(GroupePolitique.objects.en_activite(dt.date(2026, 3, 23))) == []
    assert list(GroupePolitique.objects.en_activite(dt.date(2026, 4, 9))) == [nouveau]
    assert list(GroupePolitique.objects.en_activite(dt.date(2020, 7, 8))) == []


def test_a_group_cannot_be_dissolved_before_it_is_constituted():
    groupe = GroupePolitiqueFactory.build(debut=dt.date(2026, 4, 9), fin=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError) as erreur:
        groupe.full_clean()
    assert "fin" in erreur.value.message_dict


def test_a_seat_of_a_group_starts_while_the_group_exists():
    groupe = GroupePolitiqueFactory(debut=dt.date(2026, 4, 9))
    mandat = MandatFactory.build(membre=membre(), groupe=groupe, debut=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError) as erreur:
        mandat.full_clean()
    assert "n'existe pas à cette date" in erreur.value.message_dict["debut"][0]


def test_a_seat_of_a_dissolved_group_ends_with_it():
    groupe = GroupePolitiqueFactory(debut=dt.date(2020, 7, 9), fin=dt.date(2026, 3, 22))
    mandat = MandatFactory.build(membre=membre(), groupe=groupe, debut=dt.date(2020, 7, 9))
    with pytest.raises(ValidationError) as erreur:
        mandat.full_clean()
    assert "22/03/2026" in erreur.value.message_dict["fin"][0]
    mandat.fin = dt.date(2026, 3, 22)
    mandat.full_clean()


def test_running_mandates_follow_their_dates():
    groupe = GroupePolitiqueFactory(debut=dt.date(2020, 7, 9))
    passe = MandatFactory(groupe=groupe, debut=dt.date(2020, 7, 9), fin=dt.date(2026, 3, 22))
    courant = MandatFactory(groupe=groupe, debut=dt.date(2026, 4, 9), siege=Siege.GROUPE)
    assert list(MandatMembre.objects.en_cours(dt.date(2026, 3, 22))) == [passe]
    assert list(MandatMembre.objects.en_cours(dt.date(2026, 4, 9))) == [courant]


def test_no_group_name_appears_in_code():
    """Group names live in the database (and the demo's data file), never in the code."""
    with (RACINE / "comite" / "data" / "demo_groupes.csv").open(encoding="utf-8") as fichier:
        noms = [ligne["nom"] for ligne in csv.DictReader(fichier)]
    assert noms
    sortie = subprocess.run(
        ["git", "ls-files", "-z", "*.py", "*.html", "*.txt", "*.js"],
        cwd=RACINE,
        capture_output=True,
        check=True,
    ).stdout
    coupables = []
    for relatif in filter(None, sortie.decode().split("\0")):
        if relatif.startswith("tests/"):
            continue
        texte = (RACINE / relatif).read_text(encoding="utf-8", errors="replace")
        coupables += [f"{relatif}: {nom}" for nom in noms if nom in texte]
        # nor a group created from a literal name
        if "GroupePolitique" in texte and '.create(nom="' in texte:
            coupables.append(relatif)
    assert not coupables, coupables
