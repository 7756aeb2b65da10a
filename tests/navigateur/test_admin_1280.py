# SPDX-License-Identifier: EUPL-1.2
"""At 1280 px wide, the staff's admin lists and main change pages do not scroll sideways (issue 20.5).

Why: the application list hid the state, number and dates off-screen and the track's page
was 1,842 px wide; staff work on ordinary laptop screens.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import connecter
from tests.securite.monde import construire_monde

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LARGEUR = 1280
LISTES = (
    "candidatures_candidature",
    "tracks_parcours",
    "conventions_convention",
    "suivi_livrable",
    "comite_sessionexamen",
    "accounts_user",
)


def _pages(monde) -> list[str]:
    urls = []
    for modele in LISTES:
        try:
            urls.append(reverse(f"admin:{modele}_changelist"))
        except Exception:  # noqa: BLE001 - a model not registered in this admin
            continue
    urls += [
        reverse("admin:tracks_parcours_change", args=[monde.parcours_publie.pk]),
        reverse("admin:tracks_parcours_change", args=[monde.parcours_instruction.pk]),
        reverse("admin:candidatures_candidature_change", args=[monde.candidature_a.pk]),
        reverse("admin:conventions_convention_change", args=[monde.convention_a.pk]),
    ]
    return urls


def test_the_staff_admin_fits_in_1280_px(live_server, page_navigateur):
    monde = construire_monde()
    page = page_navigateur
    page.set_viewport_size({"width": LARGEUR, "height": 800})
    client = connecter(Client(), monde.utilisateurs["staff"])
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    debordements = []
    for url in _pages(monde):
        reponse = page.goto(live_server.url + url)
        assert reponse.status == 200, url
        largeur = page.evaluate("document.documentElement.scrollWidth")
        if largeur > LARGEUR:
            fautif = page.evaluate(
                """(largeur) => [...document.querySelectorAll('#content *')]
                    .filter(e => e.getBoundingClientRect().right > largeur + 1)
                    .slice(0, 4).map(e => e.tagName + '.' + e.className + '#' + e.id)
                    .join(', ')""",
                LARGEUR,
            )
            debordements.append(f"{url}: {largeur} px ({fautif})")
    assert not debordements, "\n".join(debordements)
