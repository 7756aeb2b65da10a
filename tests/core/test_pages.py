# SPDX-License-Identifier: EUPL-1.2
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    "core:accueil",
    "core:accessibilite",
    "core:mentions_legales",
    "core:donnees_personnelles",
    "accounts:login",
    "accounts:inscription",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_french_titled_and_states_its_accessibility(client, page):
    contenu = client.get(reverse(page)).content.decode()
    assert '<html lang="fr"' in contenu
    assert re.search(r"<title>[^<]+ — ApproprIAtion Métropolitaine</title>", contenu)
    mentions = re.findall(r"Accessibilité : (non|partiellement|totalement) conforme", contenu)
    assert len(mentions) == 1
    assert 'href="/accessibilite"' in contenu
    assert 'href="#contenu"' in contenu and 'id="contenu"' in contenu
    assert "Métropole du Grand Paris" in contenu


def test_titles_are_unique():
    from django.test import Client

    client = Client()
    titres = [
        re.search(r"<title>(.*?)</title>", client.get(reverse(p)).content.decode()).group(1)
        for p in PAGES
    ]
    assert len(set(titres)) == len(titres)


def test_the_accessibility_statement_has_the_rgaa_sections(client):
    contenu = client.get(reverse("core:accessibilite")).content.decode()
    for section in [
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d'information et contact",
        "Voies de recours",
        "Défenseur des droits",
        "Schéma pluriannuel",
        "Plan d'actions",
    ]:
        assert section in contenu, section


def test_the_legal_notice_names_publisher_director_and_host(client):
    contenu = client.get(reverse("core:mentions_legales")).content.decode()
    for element in [
        "Éditeur",
        "Métropole du Grand Paris",
        "Directeur de la publication",
        "Hébergement",
        "Téléphone",
    ]:
        assert element in contenu


def test_the_personal_data_notice_lists_every_article_13_item(client):
    contenu = client.get(reverse("core:donnees_personnelles")).content.decode()
    for element in [
        "Responsable du traitement",
        "Délégué à la protection des données",
        "Finalités",
        "article 6, paragraphe 1, point e",
        "Destinataires",
        "Transferts hors de l'Union européenne",
        "Durées de conservation",
        "opposition",
        "CNIL",
    ]:
        assert element in contenu, element


def test_the_health_endpoint_checks_the_database(client):
    response = client.get(reverse("core:sante"))
    assert response.status_code == 200
    assert response.json()["base"] == "ok"
