# SPDX-License-Identifier: EUPL-1.2
"""Open-data files are cached until the data changes, and a cache outage changes nothing."""

import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from candidatures.models import Candidature
from core import cache_public as cache
from core.workflow import appliquer
from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
from tests.factories import agent_de, territoire

pytestmark = pytest.mark.django_db

URL = "/suivi/donnees/parcours.json"
CACHE_INJOIGNABLE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }
}


def titres(client) -> list[str]:
    reponse = client.get(URL)
    assert reponse.status_code == 200
    return [ligne["titre"] for ligne in json.loads(reponse.content)["donnees"]]


def test_a_second_download_is_served_from_the_cache_without_a_query(client):
    ParcoursPublieFactory(titre="Tri des courriers entrants")
    premier = client.get(URL).content

    with CaptureQueriesContext(connection) as requetes:
        second = client.get(URL).content

    assert second == premier
    # Only the savepoint of ATOMIC_REQUESTS is left.
    assert [q["sql"] for q in requetes if "SAVEPOINT" not in q["sql"]] == []


def test_a_change_of_a_track_is_in_the_next_download(client):
    parcours = ParcoursPublieFactory(titre="Tri des courriers entrants")
    assert titres(client) == ["Tri des courriers entrants"]

    parcours.titre = "Tri et orientation des courriers entrants"
    parcours.save()

    assert titres(client) == ["Tri et orientation des courriers entrants"]


def test_a_new_submission_is_in_the_next_applications_export(client):
    candidature = CandidatureFactory(etat=Candidature.Etat.DEPOSEE)
    assert client.get("/suivi/donnees/candidatures.csv").content.decode().count("\r\n") == 2

    agent = agent_de("93048")
    autre = completer(
        CandidatureFactory(parcours=candidature.parcours, territoire=territoire("93048")),
        par=agent,
    )
    appliquer(autre, "deposer", par=agent)

    assert client.get("/suivi/donnees/candidatures.csv").content.decode().count("\r\n") == 3


def test_saving_a_draft_does_not_throw_the_cached_files_away():
    candidature = CandidatureFactory()
    avant = cache.generation()

    candidature.contexte = "Une phrase de plus dans le brouillon."
    candidature.save()

    assert cache.generation() == avant


def test_an_unreachable_cache_neither_fails_the_download_nor_the_save(client):
    parcours = ParcoursPublieFactory(titre="Tri des courriers entrants")

    with override_settings(CACHES=CACHE_INJOIGNABLE):
        parcours.titre = "Tri et orientation des courriers entrants"
        parcours.save()
        assert titres(client) == ["Tri et orientation des courriers entrants"]
