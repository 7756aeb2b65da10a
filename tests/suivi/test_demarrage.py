# SPDX-License-Identifier: EUPL-1.2
"""Starting the experimentation tells staff what they still owe (issue 19, point 13): the
evaluation indicators and the AI-register entry, prefilled from what the portal knows."""

import pytest
from django.urls import reverse

from suivi.models import FicheRegistreIA, IndicateurEvaluation
from tests.conventions.factories import beneficiaire, parcours_laureats
from tests.factories import connecter
from tests.tracks.factories import a_l_etat, avec_cas_usage_retenu, avec_marche
from tracks.models import Parcours

pytestmark = pytest.mark.django_db


@pytest.fixture
def en_experimentation(expert):
    parcours = parcours_laureats()
    beneficiaire(parcours, "94080")
    avec_cas_usage_retenu(parcours, expert)
    avec_marche(parcours)
    return a_l_etat(parcours, Parcours.Etat.EXPERIMENTATION)


def fiche_parcours(client, parcours) -> str:
    return client.get(reverse("admin:tracks_parcours_change", args=[parcours.pk])).content.decode()


def test_the_started_track_lists_the_missing_indicators_and_register_entry(
    client, agent_metropole, en_experimentation
):
    connecter(client, agent_metropole)
    page = fiche_parcours(client, en_experimentation)
    assert "Aucun indicateur d&#x27;évaluation n&#x27;est défini" in page
    assert "La fiche du registre public des expérimentations IA n&#x27;existe pas encore" in page
    assert f"{reverse('admin:suivi_ficheregistreia_add')}?parcours={en_experimentation.pk}" in page


def test_nothing_is_listed_once_indicators_and_register_entry_exist(
    client, agent_metropole, en_experimentation
):
    IndicateurEvaluation.objects.create(parcours=en_experimentation, libelle="Heures gagnées")
    FicheRegistreIA.objects.create(
        parcours=en_experimentation,
        finalite="f",
        service_public="s",
        donnees_utilisees="d",
        fournisseur="p",
        deployeurs="Vincennes",
        controle_humain="c",
        classe_risque="minimal",
        justification_ia="j",
        alternatives_etudiees="a",
        estimation_energie="e",
        contact="ia@metropolegrandparis.fr",
    )
    connecter(client, agent_metropole)
    assert "à faire par la Métropole" not in fiche_parcours(client, en_experimentation)


def test_the_register_entry_is_prefilled_from_the_track_use_case_and_provider(
    client, agent_metropole, en_experimentation
):
    connecter(client, agent_metropole)
    url = reverse("admin:suivi_ficheregistreia_add") + f"?parcours={en_experimentation.pk}"
    initial = client.get(url).context["adminform"].form.initial
    assert initial["finalite"] == "Prévoir l'occupation pour moduler le chauffage."
    assert initial["service_public"] == "Pilotage du chauffage des écoles"
    assert initial["fournisseur"] == "Énergie Futée SAS"
    assert initial["deployeurs"] == "Vincennes"
    assert initial["donnees_utilisees"] == ""  # no convention yet: nothing invented
