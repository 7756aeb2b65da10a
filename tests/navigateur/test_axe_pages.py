# SPDX-License-Identifier: EUPL-1.2
"""axe-core finds no WCAG 2.1 A/AA violation on the portal's common pages (COMPLIANCE 3)."""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def soumettre_vide(page):
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("#resume-erreurs").count() == 1


@pytest.mark.parametrize(
    "nom",
    [
        "core:accueil",
        "accounts:login",
        "accounts:inscription",
        "accounts:password_reset",
        "core:accessibilite",
        "core:signaler_accessibilite",
        "core:mentions_legales",
        "core:donnees_personnelles",
        "audit:empreintes",
    ],
)
def test_public_pages_have_no_axe_violation(verifier_axe, nom):
    verifier_axe(reverse(nom))


@pytest.mark.parametrize(
    "nom", ["accounts:inscription", "accounts:login", "core:signaler_accessibilite"]
)
def test_forms_with_errors_have_no_axe_violation(verifier_axe, nom):
    verifier_axe(reverse(nom), avant=soumettre_vide)


def test_my_data_and_account_deletion_have_no_axe_violation(verifier_axe, agent_vincennes):
    verifier_axe(reverse("accounts:mes_donnees"), user=agent_vincennes)
    verifier_axe(reverse("accounts:supprimer_mon_compte"), user=agent_vincennes)


def test_second_factor_pages_have_no_axe_violation(verifier_axe, agent_metropole):
    verifier_axe(reverse("accounts:second_facteur_activer"), user=agent_metropole)
    verifier_axe(reverse("accounts:second_facteur"), user=agent_metropole)


def test_the_admin_works_under_the_csp(live_server, page_navigateur, agent_metropole):
    """No Content-Security-Policy violation on the admin pages staff use every day."""
    from django.test import Client

    from tests.factories import connecter

    client = connecter(Client(), agent_metropole)
    page = page_navigateur
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for chemin in (
        "/admin/",
        "/admin/audit/evenement/",
        "/admin/tracks/parcours/add/",
        "/admin/django_celery_beat/periodictask/",
    ):
        reponse = page.goto(live_server.url + chemin)
        assert reponse.status == 200, chemin
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_a_failing_browser_test_leaves_a_screenshot(page_navigateur, live_server, request):
    from tests.navigateur.axe import DOSSIER_RESULTATS, capturer

    page_navigateur.goto(live_server.url + reverse("core:accueil"))
    capture = capturer(page_navigateur, request.node.nodeid, "-essai")
    assert capture.parent == DOSSIER_RESULTATS and capture.stat().st_size > 1000
    capture.unlink()
    capture.with_suffix(".html").unlink()


def test_the_invitation_page_has_no_axe_violation(verifier_axe, agent_metropole):
    from urllib.parse import urlparse

    from accounts import comptes
    from accounts.roles import AGENT_METROPOLE

    _, lien = comptes.inviter(
        email="nouvelle@exemple.fr",
        nom_complet="Nouvelle Agente",
        roles=[AGENT_METROPOLE],
        par=agent_metropole,
    )
    verifier_axe(urlparse(lien).path)
    verifier_axe(urlparse(lien).path, avant=soumettre_vide)
