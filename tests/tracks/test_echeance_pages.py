# SPDX-License-Identifier: EUPL-1.2
"""Issue 19.3: at the deadline, to the second, the public pages say the applications are closed.

Without waiting for the periodic task that moves the track, and even when the page was cached
a second before.
"""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from tests.tracks.factories import ParcoursFactory, a_l_etat, completer
from tracks.models import Parcours

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
LIMITE = dt.datetime(2026, 1, 15, 12, 0, tzinfo=PARIS)


@pytest.fixture
def parcours():
    with time_machine.travel(LIMITE - dt.timedelta(days=2)):
        return a_l_etat(
            completer(ParcoursFactory(titre="Tri des courriers entrants", date_limite=LIMITE)),
            "publie",
        )


def pages_a(client, parcours, moment) -> tuple[str, str]:
    with time_machine.travel(moment, tick=False):
        return (
            client.get("/parcours/").content.decode(),
            client.get(parcours.get_absolute_url()).content.decode(),
        )


def test_a_second_before_the_deadline_the_pages_say_open(client, parcours):
    catalogue, detail = pages_a(client, parcours, LIMITE - dt.timedelta(seconds=1))

    assert "encore 1 minute" in catalogue
    assert "Publié, candidatures ouvertes" in detail
    assert "Se connecter pour candidater" in detail


def test_at_the_deadline_the_cached_pages_say_closed(client, parcours):
    pages_a(client, parcours, LIMITE - dt.timedelta(seconds=1))  # both pages cached

    catalogue, detail = pages_a(client, parcours, LIMITE)

    assert "encore 1 minute" not in catalogue
    assert "Aucun appel à candidatures n'est ouvert" in catalogue
    assert "Publié, candidatures closes (date limite passée)" in catalogue  # "en cours" list
    assert "Publié, candidatures ouvertes" not in detail
    assert "Publié, candidatures closes (date limite passée)" in detail
    assert "La date limite est passée : les candidatures sont closes" in detail
    assert "Se connecter pour candidater" not in detail
    assert Parcours.objects.get(pk=parcours.pk).etat == "publie"  # the task has not run


def test_a_cached_page_still_serves_between_two_deadlines(client, parcours):
    """The deadline check costs no query on a cached visit (performance 19 holds)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages_a(client, parcours, LIMITE - dt.timedelta(minutes=5))  # cached for a minute
    with (
        time_machine.travel(LIMITE - dt.timedelta(minutes=4, seconds=30), tick=False),
        CaptureQueriesContext(connection) as requetes,
    ):
        client.get("/parcours/")
    assert [q for q in requetes if "SAVEPOINT" not in q["sql"]] == []
