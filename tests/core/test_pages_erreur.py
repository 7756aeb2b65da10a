# SPDX-License-Identifier: EUPL-1.2
"""The error pages are French, in the portal's layout, with the footer's mentions (DEBUG off)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver, reverse

from tests.candidatures.factories import ParcoursPublieFactory
from tests.factories import connecter


def _verifier_gabarit(html: str, titre: str) -> None:
    assert '<html lang="fr"' in html
    assert re.search(rf"<title>{titre} — ApproprIAtion Métropolitaine</title>", html)
    assert f"Accessibilité : {settings.ACCESSIBILITE_CONFORMITE} conforme" in html
    assert 'href="/accessibilite"' in html
    assert "Revenir à l'accueil du portail" in html
    assert "Not Found" not in html and "Server Error" not in html


@pytest.mark.django_db
def test_it_answers_404_in_french_in_the_layout(client):
    reponse = client.get("/cette-page-n-existe-pas/")
    assert reponse.status_code == 404
    html = reponse.content.decode()
    _verifier_gabarit(html, "Page introuvable")
    assert "La page demandée n'existe pas" in html


@pytest.mark.django_db
def test_it_gives_the_reason_of_a_403(client, agent_en_attente):
    parcours = ParcoursPublieFactory()
    connecter(client, agent_en_attente)
    reponse = client.get(reverse("candidatures:demarrer", args=[parcours.slug]))
    assert reponse.status_code == 403
    html = reponse.content.decode()
    _verifier_gabarit(html, "Accès refusé")
    assert "Votre rattachement à un territoire doit d&#x27;abord être validé." in html


@pytest.mark.django_db
def test_it_answers_400_in_french_for_a_forged_host(client):
    reponse = client.get("/", HTTP_HOST="portail.pirate.example")
    assert reponse.status_code == 400
    _verifier_gabarit(reponse.content.decode(), "Requête invalide")


@pytest.mark.django_db
def test_the_500_page_is_french_and_reads_no_database(rf, django_assert_num_queries):
    gestionnaire = get_resolver().resolve_error_handler(500)
    with django_assert_num_queries(0):
        reponse = gestionnaire(rf.get("/"))
    assert reponse.status_code == 500
    html = reponse.content.decode()
    _verifier_gabarit(html, "Erreur du service")
    assert "Rien n'a été enregistré pour cette action" in html


@pytest.mark.django_db
def test_an_unexpected_exception_shows_the_french_500_page(settings):
    settings.ROOT_URLCONF = "tests.core.urls_erreur"
    client = Client(raise_request_exception=False)
    reponse = client.get("/panne/")
    assert reponse.status_code == 500
    _verifier_gabarit(reponse.content.decode(), "Erreur du service")
