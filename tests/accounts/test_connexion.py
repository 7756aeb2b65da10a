# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.urls import reverse

from tests.factories import MOT_DE_PASSE

pytestmark = pytest.mark.django_db


def test_it_logs_in_with_email_and_password(client, agent_vincennes):
    response = client.post(
        reverse("accounts:login"), {"username": "agent@vincennes.fr", "password": MOT_DE_PASSE}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:tableau_de_bord")).status_code == 200


def test_a_wrong_password_gets_a_french_message(client, agent_vincennes):
    response = client.post(
        reverse("accounts:login"), {"username": "agent@vincennes.fr", "password": "mauvais"}
    )
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()


def test_password_reset_does_not_reveal_whether_the_account_exists(
    client, agent_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        connu = client.post(reverse("accounts:password_reset"), {"email": "agent@vincennes.fr"})
        inconnu = client.post(
            reverse("accounts:password_reset"), {"email": "personne@nulle-part.fr"}
        )
    assert connu.status_code == inconnu.status_code == 302
    assert connu["Location"] == inconnu["Location"]
    assert len(mailoutbox) == 1
    assert "/compte/mot-de-passe/nouveau/" in mailoutbox[0].body


def test_the_dashboard_requires_login(client):
    response = client.get(reverse("core:tableau_de_bord"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
