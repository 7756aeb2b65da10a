# SPDX-License-Identifier: EUPL-1.2
"""Login throttling (django-axes) and the audit of log-ins (COMPLIANCE 16)."""

import pytest
from django.urls import reverse

from audit.journal import verifier_chaine
from audit.models import Evenement
from tests.factories import MOT_DE_PASSE

pytestmark = pytest.mark.django_db

EMAIL = "agent@vincennes.fr"


def tenter(client, mot_de_passe, email=EMAIL):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": mot_de_passe},
        REMOTE_ADDR="203.0.113.7",
    )


def test_it_locks_the_login_after_five_failures_with_a_french_page(client, agent_vincennes):
    for _ in range(4):
        assert tenter(client, "mauvais").status_code == 200
    verrouillee = tenter(client, "mauvais")
    assert verrouillee.status_code == 429
    contenu = verrouillee.content.decode()
    assert "Compte temporairement bloqué" in contenu
    assert "15 minutes" in contenu
    # Even the right password is refused while locked.
    assert tenter(client, MOT_DE_PASSE).status_code == 429
    assert not client.get(reverse("core:tableau_de_bord")).wsgi_request.user.is_authenticated


def test_four_failures_then_the_right_password_still_logs_in(client, agent_vincennes):
    for _ in range(4):
        tenter(client, "mauvais")
    assert tenter(client, MOT_DE_PASSE).status_code == 302


def test_the_lockout_is_logged_in_the_audit_journal(client, agent_vincennes):
    for _ in range(5):
        tenter(client, "mauvais")
    verrouillage = Evenement.objects.filter(donnees__verrouillage=True).get()
    assert verrouillage.action == Evenement.Action.ECHEC_CONNEXION
    assert verrouillage.acteur == agent_vincennes
    assert verrouillage.ip == "203.0.113.7"


def test_a_successful_login_is_logged_with_the_address(client, agent_vincennes):
    tenter(client, MOT_DE_PASSE)
    connexion = Evenement.objects.get(action=Evenement.Action.CONNEXION)
    assert connexion.acteur == agent_vincennes
    assert connexion.ip == "203.0.113.7"
    assert verifier_chaine() == []


def test_a_failed_login_is_logged_against_the_account_aimed_at(client, agent_vincennes):
    tenter(client, "mauvais")
    echec = Evenement.objects.get(action=Evenement.Action.ECHEC_CONNEXION)
    assert echec.acteur == agent_vincennes
    assert echec.ip == "203.0.113.7"


def test_a_failure_with_an_unknown_identifier_does_not_keep_what_was_typed(client, db):
    tenter(client, "secret-tape-par-erreur", email="inconnu@nulle-part.fr")
    echec = Evenement.objects.get(action=Evenement.Action.ECHEC_CONNEXION)
    assert echec.acteur is None
    assert "inconnu@nulle-part.fr" not in echec.contenu_canonique()
    assert "secret-tape-par-erreur" not in echec.contenu_canonique()
