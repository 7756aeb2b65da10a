# SPDX-License-Identifier: EUPL-1.2
"""Chromium (Debian's, never downloaded) driven by Playwright, and axe-core run offline.

Used through the fixtures of ``tests/conftest.py``: ``navigateur`` (a Playwright browser),
``page_navigateur`` (a page, screenshot saved under ``test-results/`` if the test fails) and
``verifier_axe`` (open a page of the live server, optionally as a user, and fail on any
WCAG 2.1 A/AA violation).
"""

import re
from pathlib import Path

from django.conf import settings

TAGS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARGS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DOSSIER_RESULTATS = Path(settings.BASE_DIR) / "test-results"


def nom_de_fichier(nodeid: str) -> str:
    return re.sub(r"[^\w-]+", "_", nodeid).strip("_")[:180]


def capturer(page, nodeid: str, suffixe: str = "") -> Path:
    """Save a full-page screenshot (and the HTML) of ``page`` under test-results/."""
    DOSSIER_RESULTATS.mkdir(exist_ok=True)
    base = f"{nom_de_fichier(nodeid)}{suffixe}"
    capture = DOSSIER_RESULTATS / f"{base}.png"
    page.screenshot(path=str(capture), full_page=True)
    (DOSSIER_RESULTATS / f"{base}.html").write_text(page.content(), encoding="utf-8")
    return capture


def rapport_axe(page) -> tuple[int, str]:
    """Run axe-core (shipped in axe-playwright-python, injected locally) on ``page``."""
    from axe_playwright_python.sync_playwright import Axe

    resultats = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS_WCAG}})
    return resultats.violations_count, resultats.generate_report()
