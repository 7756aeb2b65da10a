# SPDX-License-Identifier: EUPL-1.2
"""Anonymous visitors share a cached copy of the public pages; nobody else ever gets it."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import MessageEncoder
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import agent_de, connecter
from tests.suivi.test_cache_donnees import CACHE_INJOIGNABLE
from tests.tracks.factories import ParcoursFactory, a_l_etat, completer

pytestmark = pytest.mark.django_db

PAGES = ["/", "/parcours/", "/suivi/donnees/", "/suivi/registre-ia/", "/suivi/equite-territoriale/"]


@pytest.fixture
def parcours():
    return a_l_etat(completer(ParcoursFactory(titre="Tri des courriers entrants")), "publie")


def requetes_sql(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in requetes if "SAVEPOINT" not in q["sql"]]


@pytest.mark.parametrize("url", [*PAGES, "parcours"])
def test_a_second_anonymous_visit_is_served_without_a_query(client, parcours, url):
    url = parcours.get_absolute_url() if url == "parcours" else url
    premiere = client.get(url).content

    assert requetes_sql(client, url) == []
    assert client.get(url).content == premiere


def test_a_change_of_a_track_is_on_the_next_visit(client, parcours):
    assert "Tri des courriers entrants" in client.get("/parcours/").content.decode()

    parcours.titre = "Tri et orientation des courriers entrants"
    parcours.save()

    assert "Tri et orientation des courriers entrants" in client.get("/parcours/").content.decode()


def test_a_signed_in_user_gets_their_own_page_and_never_gives_it_to_visitors(client, parcours):
    agent = agent_de("94080")
    client.get(parcours.get_absolute_url())  # an anonymous copy is cached
    connecte = connecter(Client(), agent)

    page_agent = connecte.get(parcours.get_absolute_url()).content.decode()
    page_anonyme = client.get(parcours.get_absolute_url()).content.decode()

    assert "Se déconnecter" in page_agent
    assert "Se déconnecter" not in page_anonyme
    assert agent.email not in page_anonyme


def test_a_flash_message_is_shown_to_its_visitor_only(client, parcours):
    client.get("/")  # an anonymous copy is cached
    porteur = Client()
    session = porteur.session  # messages live in the session (MESSAGE_STORAGE)
    session["_messages"] = MessageEncoder().encode(
        [Message(constants.INFO, "Votre signalement est bien reçu.")]
    )
    session.save()

    assert "Votre signalement est bien reçu." in porteur.get("/").content.decode()
    assert "Votre signalement est bien reçu." not in client.get("/").content.decode()


def test_an_unreachable_cache_still_serves_the_pages(client, parcours):
    with override_settings(CACHES=CACHE_INJOIGNABLE):
        for url in PAGES:
            assert client.get(url).status_code == 200
