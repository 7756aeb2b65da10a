# SPDX-License-Identifier: EUPL-1.2
"""axe-core on the public track pages and the suggestion form, in a real Chromium."""

import pytest
from django.urls import reverse

from tests.factories import connecter
from tests.tracks.factories import ParcoursFactory, a_l_etat, completer
from tracks.models import JalonPrevu, Parcours

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TAGS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations_axe(url: str, chromium_path: str, session: str | None = None, soumettre=False):
    """Open ``url`` (logged in when given a session) and return axe's report, None when clean."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        try:
            contexte = navigateur.new_context()
            if session:
                contexte.add_cookies([{"name": "sessionid", "value": session, "url": url}])
            page = contexte.new_page()
            page.goto(url)
            if soumettre:  # the form sent empty: error summary and invalid fields
                page.locator("main form button[type=submit]").click()
                page.wait_for_load_state()
            assert page.locator("h1").count() == 1
            resultats = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS_WCAG}})
        finally:
            navigateur.close()
    return resultats.generate_report() if resultats.violations_count else None


@pytest.fixture
def parcours_ouvert(db):
    parcours = a_l_etat(completer(ParcoursFactory(titre="Aires de livraison")), "publie")
    JalonPrevu.objects.create(parcours=parcours, etape="instruction", date_prevue="2027-03-01")
    a_l_etat(ParcoursFactory(titre="Bruit urbain"), Parcours.Etat.CLOS)
    return parcours


def test_the_catalogue_has_no_axe_violation(live_server, chromium_path, parcours_ouvert):
    assert violations_axe(live_server.url + reverse("tracks:catalogue"), chromium_path) is None


def test_the_track_page_has_no_axe_violation(live_server, chromium_path, parcours_ouvert):
    url = live_server.url + reverse("tracks:detail", args=[parcours_ouvert.slug])
    assert violations_axe(url, chromium_path) is None


@pytest.mark.parametrize("soumettre", [False, True], ids=["vide", "avec-erreurs"])
def test_the_suggestion_form_has_no_axe_violation(
    live_server, chromium_path, client, agent_vincennes, soumettre
):
    connecter(client, agent_vincennes)
    session = client.cookies["sessionid"].value
    url = live_server.url + reverse("tracks:suggerer_theme")
    assert violations_axe(url, chromium_path, session, soumettre=soumettre) is None
