# SPDX-License-Identifier: EUPL-1.2
"""Every history shown to a person names the states, never their stored codes."""

import re

import pytest
from django.urls import reverse

from audit.journal import enregistrer
from audit.models import Evenement
from candidatures.models import Candidature
from tests.candidatures.factories import CandidatureFactory
from tests.factories import connecter
from tests.tracks.factories import ParcoursFactory

pytestmark = pytest.mark.django_db


def _transition(objet, avant: str, apres: str) -> Evenement:
    return enregistrer(
        action=Evenement.Action.TRANSITION, objet=objet, etat_avant=avant, etat_apres=apres
    )


def _cellules(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td>(.*?)</td>", html, re.S)]


def test_the_entry_gives_the_labels_of_its_models_states():
    candidature = CandidatureFactory()
    evenement = _transition(candidature, "deposee", "a_completer")
    assert evenement.libelle_etat_avant == "Déposée"
    assert evenement.libelle_etat_apres == "À compléter"


def test_the_application_history_in_the_admin_shows_labels(client, agent_metropole):
    candidature = CandidatureFactory(etat=Candidature.Etat.ADMISSIBLE)
    _transition(candidature, "deposee", "admissible")
    connecter(client, agent_metropole)
    html = client.get(
        reverse("admin:candidatures_candidature_change", args=[candidature.pk])
    ).content.decode()
    cellules = _cellules(html)
    assert "Déposée" in cellules and "Admissible" in cellules
    assert "deposee" not in cellules and "admissible" not in cellules


def test_the_track_history_in_the_admin_shows_labels(client, agent_metropole):
    parcours = ParcoursFactory()
    _transition(parcours, "brouillon", "publie")
    connecter(client, agent_metropole)
    html = client.get(reverse("admin:tracks_parcours_change", args=[parcours.pk])).content.decode()
    cellules = _cellules(html)
    assert "Brouillon" in cellules
    assert "brouillon" not in cellules and "publie" not in cellules


def test_the_applicants_history_shows_labels(client, agent_vincennes):
    candidature = CandidatureFactory(etat=Candidature.Etat.DEPOSEE)
    _transition(candidature, "brouillon", "deposee")
    connecter(client, agent_vincennes)
    html = client.get(reverse("candidatures:detail", args=[candidature.pk])).content.decode()
    assert "Brouillon → <strong>Déposée</strong>" in html


def test_the_journal_shows_the_label_beside_the_code(client, agent_metropole):
    evenement = _transition(CandidatureFactory(), "deposee", "admissible")
    connecter(client, agent_metropole)
    html = client.get(reverse("admin:audit_evenement_change", args=[evenement.pk])).content.decode()
    assert "Déposée (deposee)" in html and "Admissible (admissible)" in html
