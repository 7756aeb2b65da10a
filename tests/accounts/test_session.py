# SPDX-License-Identifier: EUPL-1.2
"""Session expiry warning and keepalive (COMPLIANCE 8)."""

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
