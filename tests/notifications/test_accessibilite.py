# SPDX-License-Identifier: EUPL-1.2
"""axe-core on the notification centre and the preferences page, in a real Chromium."""

import pytest
from django.urls import reverse

from notifications import outbox
from tests.factories import connecter

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TAGS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations_axe(url: str, session: str, chromium_path: str) -> str | None:
    """Open ``url`` logged in (session cookie) and return axe's report, None when clean."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        try:
            contexte = navigateur.new_context()
            contexte.add_cookies([{"name": "sessionid", "value": session, "url": url}])
            page = contexte.new_page()
            page.goto(url)
            assert page.locator("h1").count() == 1
            resultats = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS_WCAG}})
        finally:
            navigateur.close()
    return resultats.generate_report() if resultats.violations_count else None


@pytest.mark.parametrize("vue", ["notifications:centre", "notifications:preferences"])
def test_the_notification_pages_have_no_axe_violation(
    live_server, chromium_path, client, agent_vincennes, vue
):
    outbox.notifier(
        destinataire=agent_vincennes,
        gabarit="adhesion_decidee",
        contexte={"adhesion": agent_vincennes.adhesions.get()},
    )
    connecter(client, agent_vincennes)
    session = client.cookies["sessionid"].value
    assert violations_axe(live_server.url + reverse(vue), session, chromium_path) is None
