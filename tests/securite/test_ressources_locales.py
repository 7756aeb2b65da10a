# SPDX-License-Identifier: EUPL-1.2
"""No request leaves the portal's origin; no State design system asset (COMPLIANCE 10).

Scans every template (project and apps) and every static file shipped by the project.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

RACINE = Path(settings.BASE_DIR)
APPLICATIONS = [
    "core",
    "audit",
    "territoires",
    "accounts",
    "tracks",
    "candidatures",
    "comite",
    "conventions",
    "suivi",
    "notifications",
]
EXTENSIONS = {".html", ".txt", ".css", ".js", ".svg", ".xml"}

# What would make the browser fetch something from elsewhere.
CHARGEMENT_EXTERNE = re.compile(
    r"""(?:\b(?:src|srcset|data|poster|action)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:\bfetch\(\s*["'](?:https?:)?//)""",
    re.IGNORECASE,
)
# Using the font or the State design system (mentioning them in prose is fine).
ETAT = re.compile(
    r"font-family\s*:[^;}]*marianne|marianne[\w-]*\.(?:woff2?|ttf|otf)"
    r"|dsfr[\w.-]*\.(?:css|js|svg|woff2?)|[/\"']dsfr[/\"']|@gouvfr",
    re.IGNORECASE,
)
NOM_ETAT = re.compile(r"marianne|dsfr", re.IGNORECASE)
CLASSE_FR = re.compile(r"""(?:class\s*=\s*["'][^"']*(?<![\w-])fr-)|(?:\.fr-[a-z])""")


def fichiers() -> list[Path]:
    dossiers = [RACINE / "templates", RACINE / "static"]
    dossiers += [RACINE / app / "templates" for app in APPLICATIONS]
    dossiers += [RACINE / app / "static" for app in APPLICATIONS]
    return sorted(
        chemin
        for dossier in dossiers
        if dossier.exists()
        for chemin in dossier.rglob("*")
        if chemin.is_file() and chemin.suffix in EXTENSIONS
    )


def test_there_are_files_to_check():
    noms = {chemin.name for chemin in fichiers()}
    assert {"base.html", "portail.css", "portail.js"} <= noms


@pytest.mark.parametrize("chemin", fichiers(), ids=lambda c: str(c.relative_to(RACINE)))
def test_no_file_loads_anything_from_another_origin(chemin):
    texte = chemin.read_text(encoding="utf-8", errors="replace")
    assert not CHARGEMENT_EXTERNE.search(texte), CHARGEMENT_EXTERNE.search(texte).group(0)


@pytest.mark.parametrize("chemin", fichiers(), ids=lambda c: str(c.relative_to(RACINE)))
def test_no_marianne_font_dsfr_asset_or_fr_class(chemin):
    assert not NOM_ETAT.search(chemin.name)
    texte = chemin.read_text(encoding="utf-8", errors="replace")
    assert not ETAT.search(texte), ETAT.search(texte).group(0)
    assert not CLASSE_FR.search(texte), CLASSE_FR.search(texte).group(0)


def test_the_patterns_catch_what_they_are_meant_to_catch():
    assert CHARGEMENT_EXTERNE.search('<script src="https://cdn.example/x.js">')
    assert CHARGEMENT_EXTERNE.search('<link rel="stylesheet" href="//fonts.example/css">')
    assert CHARGEMENT_EXTERNE.search("body { background: url('https://x.example/a.png') }")
    assert CHARGEMENT_EXTERNE.search('@import "https://x.example/a.css";')
    assert not CHARGEMENT_EXTERNE.search('<a href="https://www.defenseurdesdroits.fr">')
    assert CLASSE_FR.search('<div class="container fr-grid-row">')
    assert CLASSE_FR.search(".fr-btn { color: blue }")
    assert not CLASSE_FR.search('<html lang="fr-FR" class="href-fr">')
    assert ETAT.search("@font-face { font-family: Marianne; }")
    assert ETAT.search('<link rel="stylesheet" href="/static/dsfr/dsfr.min.css">')
    assert not ETAT.search("<p>Ni le système de design de l'État ni la police Marianne.</p>")
