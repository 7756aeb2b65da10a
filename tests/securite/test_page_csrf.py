# SPDX-License-Identifier: EUPL-1.2
"""A refused form (no CSRF token) gets an explanation in French, in the portal's layout."""

import pytest
from django.test import Client

from tests.factories import agent_de, connecter

pytestmark = pytest.mark.django_db


def test_a_form_without_its_token_is_explained_in_french_in_the_portal_layout():
    agent = agent_de("94080")
    client = connecter(Client(enforce_csrf_checks=True), agent)

    reponse = client.post("/candidatures/parcours/un-parcours/demarrer/", {"territoire": "1"})

    contenu = reponse.content.decode()
    assert reponse.status_code == 403
    assert "Rien n'a été enregistré." in contenu
    assert "ApproprIAtion Métropolitaine" in contenu
    assert 'lang="fr"' in contenu
