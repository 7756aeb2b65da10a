# SPDX-License-Identifier: EUPL-1.2
"""The login pages refuse an oversized body before parsing it (issue 17.6)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.urls import reverse

from tests.factories import MOT_DE_PASSE

pytestmark = pytest.mark.django_db


def formulaire_enorme() -> dict:
    return {
        "username": "agent@vincennes.fr",
        "password": "mauvais-mot-de-passe",
        "remplissage": "x" * (settings.LIMITE_CORPS_CONNEXION + 1),
    }


@pytest.mark.parametrize("nom", ["accounts:login", "admin:login"])
def test_an_oversized_login_body_is_refused_without_counting_a_failure(
    client, agent_vincennes, nom
):
    reponse = client.post(reverse(nom), formulaire_enorme())
    assert reponse.status_code == 413
    assert "Demande trop volumineuse" in reponse.content.decode()
    assert not AccessAttempt.objects.exists()
    assert not AccessFailureLog.objects.exists()
    assert "_auth_user_id" not in client.session


def test_the_refusal_still_carries_the_security_headers(client):
    reponse = client.post(reverse("accounts:login"), formulaire_enorme())
    assert reponse.status_code == 413
    assert "frame-ancestors 'none'" in reponse["Content-Security-Policy"]
    assert "camera=()" in reponse["Permissions-Policy"]


def test_a_normal_login_is_unaffected(client, agent_vincennes):
    reponse = client.post(
        reverse("accounts:login"), {"username": "agent@vincennes.fr", "password": MOT_DE_PASSE}
    )
    assert reponse.status_code == 302
    assert client.session["_auth_user_id"] == str(agent_vincennes.pk)


def test_other_forms_keep_the_general_limit(client, agent_vincennes):
    """A large body elsewhere is not refused by the login limit (413 is for login only)."""
    reponse = client.post(reverse("accounts:password_reset"), formulaire_enorme())
    assert reponse.status_code != 413
