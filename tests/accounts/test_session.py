# SPDX-License-Identifier: EUPL-1.2
"""Session expiry warning and keepalive (COMPLIANCE 8)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.factories import connecter

pytestmark = pytest.mark.django_db


def test_pages_give_the_script_the_session_age_and_the_keepalive_url(client, agent_vincennes):
    connecter(client, agent_vincennes)
    page = client.get(reverse("core:tableau_de_bord")).content.decode()
    assert 'data-session-age="3600"' in page or "data-session-age=" in page
    assert f'data-session-keepalive="{reverse("accounts:prolonger_session")}"' in page


def test_without_activity_the_session_expires_after_an_hour(client, agent_vincennes):
    with time_machine.travel("2026-03-09 09:00 +0100", tick=False) as horloge:
        connecter(client, agent_vincennes)
        horloge.move_to("2026-03-09 10:01 +0100")
        assert client.get(reverse("core:tableau_de_bord")).status_code == 302


def test_the_keepalive_extends_the_session(client, agent_vincennes):
    with time_machine.travel("2026-03-09 09:00 +0100", tick=False) as horloge:
        connecter(client, agent_vincennes)
        horloge.move_to("2026-03-09 09:58 +0100")  # the warning shows two minutes before
        assert client.post(reverse("accounts:prolonger_session")).status_code == 204
        horloge.move_to("2026-03-09 10:30 +0100")
        assert client.get(reverse("core:tableau_de_bord")).status_code == 200


def _expiration(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_an_active_session_is_written_at_most_once_a_minute(client, agent_vincennes):
    """Each page renewing the session cost a write per request: now one a minute at most."""
    page = reverse("core:tableau_de_bord")
    with time_machine.travel("2026-03-09 09:00:00 +0100", tick=False) as horloge:
        connecter(client, agent_vincennes)
        horloge.move_to("2026-03-09 09:00:30 +0100")
        reponse = client.get(page)
        assert "sessionid" in reponse.cookies  # first page: renewed, cookie sent again
        renouvelee = _expiration(client)
        assert renouvelee == dt.datetime.fromisoformat("2026-03-09 10:00:30+01:00")

        horloge.move_to("2026-03-09 09:01:00 +0100")
        reponse = client.get(page)
        assert "sessionid" not in reponse.cookies
        assert _expiration(client) == renouvelee
        # The warning is told what really remains: 3600 s minus the 30 s since the renewal.
        assert 'data-session-age="3570"' in reponse.content.decode()

        horloge.move_to("2026-03-09 09:01:31 +0100")
        reponse = client.get(page)
        assert "sessionid" in reponse.cookies
        assert (_expiration(client) - renouvelee).total_seconds() == 61
        assert 'data-session-age="3600"' in reponse.content.decode()


def test_a_session_in_use_never_expires_but_never_outlives_an_idle_hour(client, agent_vincennes):
    page = reverse("core:tableau_de_bord")
    with time_machine.travel("2026-03-09 09:00 +0100", tick=False) as horloge:
        connecter(client, agent_vincennes)
        for minute in range(0, 180, 20):  # a page every twenty minutes for three hours
            horloge.move_to(f"2026-03-09 {9 + minute // 60:02d}:{minute % 60:02d} +0100")
            assert client.get(page).status_code == 200
        # Last page at 11:40, renewed then or at most a minute before: gone by 12:40.
        horloge.move_to("2026-03-09 12:40:01 +0100")
        assert client.get(page).status_code == 302


def test_the_keepalive_renews_even_within_the_minute(client, agent_vincennes):
    with time_machine.travel("2026-03-09 09:00:00 +0100", tick=False) as horloge:
        connecter(client, agent_vincennes)
        client.get(reverse("core:tableau_de_bord"))
        avant = _expiration(client)
        horloge.move_to("2026-03-09 09:00:20 +0100")
        reponse = client.post(reverse("accounts:prolonger_session"))
        assert reponse.status_code == 204
        assert "sessionid" in reponse.cookies
        assert (_expiration(client) - avant).total_seconds() == 20


def test_anonymous_public_pages_get_no_session(client):
    reponse = client.get(reverse("tracks:catalogue"))
    assert "sessionid" not in reponse.cookies


def test_the_keepalive_is_post_only(client, agent_vincennes):
    connecter(client, agent_vincennes)
    assert client.get(reverse("accounts:prolonger_session")).status_code == 405


def test_the_keepalive_needs_the_csrf_token(agent_vincennes):
    from django.test import Client

    client = connecter(Client(enforce_csrf_checks=True), agent_vincennes)
    assert client.post(reverse("accounts:prolonger_session")).status_code == 403


def test_the_keepalive_does_not_revive_an_expired_session(client):
    reponse = client.post(reverse("accounts:prolonger_session"))
    assert reponse.status_code == 302
