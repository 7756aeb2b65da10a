# SPDX-License-Identifier: EUPL-1.2
"""Form fields' borders stand out from the page at 3:1 at least (WCAG 1.4.11, RGAA 3.3)."""

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _luminance(rgb: tuple[int, int, int]) -> float:
    def canal(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (canal(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contraste(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    clair, sombre = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (clair + 0.05) / (sombre + 0.05)


@pytest.mark.parametrize("nom", ["accounts:inscription", "core:signaler_accessibilite"])
def test_every_field_border_has_a_3_to_1_contrast(live_server, page_navigateur, nom):
    page = page_navigateur
    page.goto(live_server.url + reverse(nom))
    couleurs = page.evaluate(
        """[...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
           .map(e => getComputedStyle(e).borderTopColor)"""
    )
    assert couleurs
    for couleur in couleurs:
        rgb = tuple(int(x) for x in re.findall(r"\d+", couleur)[:3])
        assert _contraste(rgb, (255, 255, 255)) >= 3, couleur
