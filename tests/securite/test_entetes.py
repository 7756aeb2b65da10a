# SPDX-License-Identifier: EUPL-1.2
"""HTTP hardening on every page (COMPLIANCE 13 and 18)."""

import pytest
from django.urls import reverse

from tests.factories import MOT_DE_PASSE, connecter

pytestmark = pytest.mark.django_db

PAGES = [
    "core:accueil",
    "accounts:login",
    "accounts:inscription",
    "accounts:password_reset",
    "core:accessibilite",
    "core:mentions_legales",
    "core:donnees_personnelles",
    "audit:empreintes",
    "admin:login",
]


@pytest.fixture(params=PAGES)
def reponse(request, client):
    return client.get(reverse(request.param), secure=True)


def directives(reponse) -> dict[str, str]:
    politique = reponse["Content-Security-Policy"]
    return {
        morceau.strip().split(" ", 1)[0]: morceau.strip().partition(" ")[2]
        for morceau in politique.split(";")
        if morceau.strip()
    }


def test_every_page_is_served(reponse):
    assert reponse.status_code == 200


def test_csp_limits_everything_to_the_portal_itself(reponse):
    csp = directives(reponse)
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "unsafe-inline" not in reponse["Content-Security-Policy"]
    assert "unsafe-eval" not in reponse["Content-Security-Policy"]
    for directive in ("script-src", "style-src", "font-src", "connect-src"):
        assert csp[directive] == "'self'", directive


def test_hsts_lasts_at_least_a_year(reponse):
    hsts = dict(
        (morceau.strip().split("=") + [""])[:2]
        for morceau in reponse["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= 31_536_000
    assert "includeSubDomains" in hsts


def test_no_sniffing_no_framing_and_a_referrer_policy(reponse):
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert reponse["X-Frame-Options"] == "DENY"
    assert reponse["Referrer-Policy"] in {
        "same-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }


def test_a_404_page_is_hardened_too(client):
    reponse = client.get("/page-qui-n-existe-pas/", secure=True)
    assert reponse.status_code == 404
    assert "frame-ancestors 'none'" in reponse["Content-Security-Policy"]
    assert reponse["X-Content-Type-Options"] == "nosniff"


def test_pages_of_a_signed_in_user_are_hardened(client, agent_metropole):
    connecter(client, agent_metropole)
    for url in (reverse("core:tableau_de_bord"), reverse("admin:index")):
        reponse = client.get(url, secure=True)
        assert reponse.status_code == 200, url
        assert "unsafe-inline" not in reponse["Content-Security-Policy"]
        assert reponse["X-Frame-Options"] == "DENY"


def test_cookies_are_secure_httponly_and_same_site(client, agent_vincennes):
    client.get(reverse("accounts:login"), secure=True)
    reponse = client.post(
        reverse("accounts:login"),
        {"username": "agent@vincennes.fr", "password": MOT_DE_PASSE},
        secure=True,
    )
    assert reponse.status_code == 302
    session = reponse.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def test_only_strictly_necessary_cookies_are_set(client, agent_vincennes):
    client.get(reverse("core:accueil"), secure=True)
    client.get(reverse("accounts:login"), secure=True)
    client.post(
        reverse("accounts:login"),
        {"username": "agent@vincennes.fr", "password": MOT_DE_PASSE},
        secure=True,
    )
    client.get(reverse("core:tableau_de_bord"), secure=True)
    assert set(client.cookies) <= {"sessionid", "csrftoken", "django_language"}


def test_sessions_expire_after_an_hour_of_inactivity(client, agent_vincennes):
    from django.conf import settings

    connecter(client, agent_vincennes)
    assert settings.SESSION_COOKIE_AGE <= 3600
    assert "accounts.sessions.RenouvellementSessionMiddleware" in settings.MIDDLEWARE
    assert client.session.get_expiry_age() <= 3600
