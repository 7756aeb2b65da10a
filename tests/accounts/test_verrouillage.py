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


# Behind the TLS proxy (nginx on the same host), every connection comes from 127.0.0.1.
PROXY = "127.0.0.1"


def tenter_via(client, mot_de_passe, *, remote_addr, forwarded_for):
    return client.post(
        reverse("accounts:login"),
        {"username": EMAIL, "password": mot_de_passe},
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_through_the_trusted_proxy_a_lockout_does_not_reach_another_client(
    client, agent_vincennes, settings
):
    settings.TRUSTED_PROXIES = [PROXY]
    for _ in range(5):
        tenter_via(client, "mauvais", remote_addr=PROXY, forwarded_for="198.51.100.66")
    assert (
        tenter_via(client, MOT_DE_PASSE, remote_addr=PROXY, forwarded_for="198.51.100.66")
    ).status_code == 429
    # The owner, from another address behind the same proxy, still logs in.
    proprietaire = tenter_via(client, MOT_DE_PASSE, remote_addr=PROXY, forwarded_for="203.0.113.7")
    assert proprietaire.status_code == 302
    verrouillages = Evenement.objects.filter(donnees__verrouillage=True)
    assert {v.ip for v in verrouillages} == {"198.51.100.66"}
    assert Evenement.objects.get(action=Evenement.Action.CONNEXION).ip == "203.0.113.7"


def test_a_forged_forwarded_for_from_an_untrusted_client_is_ignored(
    client, agent_vincennes, settings
):
    settings.TRUSTED_PROXIES = [PROXY]
    # The attacker connects directly and claims to be the owner's address.
    for _ in range(5):
        tenter_via(client, "mauvais", remote_addr="198.51.100.66", forwarded_for="203.0.113.7")
    echecs = Evenement.objects.filter(action=Evenement.Action.ECHEC_CONNEXION)
    assert {e.ip for e in echecs} == {"198.51.100.66"}
    assert tenter(client, MOT_DE_PASSE).status_code == 302  # the owner, from 203.0.113.7


def test_the_left_part_of_forwarded_for_is_never_believed(client, agent_vincennes, settings):
    """nginx appends the address it sees: what the client wrote before it is not trusted."""
    settings.TRUSTED_PROXIES = [PROXY]
    for _ in range(5):
        tenter_via(client, "mauvais", remote_addr=PROXY, forwarded_for="203.0.113.7, 198.51.100.66")
    proprietaire = tenter_via(client, MOT_DE_PASSE, remote_addr=PROXY, forwarded_for="203.0.113.7")
    assert proprietaire.status_code == 302


def test_without_trusted_proxies_forwarded_for_is_ignored(client, agent_vincennes, settings):
    settings.TRUSTED_PROXIES = []
    tenter_via(client, "mauvais", remote_addr=PROXY, forwarded_for="198.51.100.66")
    assert Evenement.objects.get(action=Evenement.Action.ECHEC_CONNEXION).ip == PROXY
