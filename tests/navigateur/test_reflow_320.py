# SPDX-License-Identifier: EUPL-1.2
"""At 320 px wide, no front-office page scrolls sideways (RGAA 10.11, WCAG 1.4.10 reflow).

Every page of the role × URL matrix that the visitor, an agent or a legal representative can
open is loaded in Chromium at 320 × 640; a table may scroll inside its own region, the page
may not.
"""

import pytest
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from tests.factories import connecter
from tests.securite.monde import construire_monde
from tests.securite.test_matrice import MATRICE, _url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LARGEUR = 320


def _pages(role: str) -> list[tuple[str, object]]:
    return [
        (cle, entree)
        for cle, entree in MATRICE.items()
        if not entree.post
        and not cle.startswith("admin")
        and entree.attendus()[role] == "200"
        and not cle.endswith(("_pdf", "pdf", "telecharger", "telecharger_piece", "fichier"))
    ]


@pytest.mark.parametrize("role", ["anonyme", "agent_a", "representant_a"])
def test_no_front_office_page_overflows_at_320_px(live_server, page_navigateur, role):
    monde = construire_monde()
    page = page_navigateur
    page.set_viewport_size({"width": LARGEUR, "height": 640})
    if role != "anonyme":
        client = connecter(Client(), monde.utilisateurs[role])
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    debordements = []
    vues = 0
    for cle, entree in _pages(role):
        url = _url(cle, entree, monde)
        try:
            reponse = page.goto(live_server.url + url)
        except PlaywrightError as erreur:
            if "Download is starting" in str(erreur):
                continue  # a file, not a page
            raise
        if reponse is None or "text/html" not in reponse.headers.get("content-type", ""):
            continue
        vues += 1
        largeur = page.evaluate("document.documentElement.scrollWidth")
        if largeur > LARGEUR:
            fautif = page.evaluate(
                """(largeur) => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > largeur + 1)
                    .slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')""",
                LARGEUR,
            )
            debordements.append(f"{url}: {largeur} px ({fautif})")
    assert vues > 5
    assert not debordements, "\n".join(debordements)
