# SPDX-License-Identifier: EUPL-1.2
"""The documentation has no broken link: every relative link and image of README.md,
CHANGELOG.md and docs/**/*.md points to an existing file, and every #anchor to a heading.

Anchors follow GitHub's rule: the heading in lower case, punctuation removed (accented letters
kept), spaces turned into hyphens, ``-1``, ``-2``… for repeated headings.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

RACINE = Path(__file__).resolve().parents[2]
# [text](target) and ![alt](target), target without spaces, optional "title".
LIEN = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# Reference-style definitions: [label]: target
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
HTML = re.compile(r"<(?:a|img)\b[^>]*?\b(?:href|src)=\"([^\"]+)\"", re.IGNORECASE)
TITRE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def pages() -> list[Path]:
    fichiers = [RACINE / "README.md", RACINE / "CHANGELOG.md"]
    fichiers += sorted((RACINE / "docs").rglob("*.md"))
    return [f for f in fichiers if f.is_file()]


def sans_code(texte: str) -> str:
    """Drop fenced code blocks and inline code, where brackets are not links."""
    texte = re.sub(r"^(```|~~~).*?^\1", "", texte, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"`[^`\n]*`", "", texte)


def ancre(titre: str) -> str:
    titre = re.sub(r"<[^>]+>", "", titre)  # inline HTML
    titre = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", titre)  # links keep their text
    titre = titre.replace("`", "").strip().lower()
    garde = []
    for caractere in titre:
        categorie = unicodedata.category(caractere)
        if caractere in " -_" or categorie[0] in "LN" or categorie == "Mn":
            garde.append(caractere)
    return "".join(garde).replace(" ", "-")


def ancres_de(page: Path) -> set[str]:
    vues: dict[str, int] = {}
    resultat = set()
    texte = re.sub(
        r"^(```|~~~).*?^\1", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL
    )
    for ligne in texte.splitlines():
        if correspondance := TITRE.match(ligne):
            base = ancre(correspondance[2])
            n = vues.get(base, 0)
            resultat.add(base if n == 0 else f"{base}-{n}")
            vues[base] = n + 1
    resultat.update(re.findall(r"<a\s+(?:name|id)=\"([^\"]+)\"", texte))
    return resultat


def cibles(page: Path) -> list[str]:
    texte = sans_code(page.read_text(encoding="utf-8"))
    return LIEN.findall(texte) + REFERENCE.findall(texte) + HTML.findall(texte)


def est_externe(cible: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", cible, re.IGNORECASE))


def liens_casses(page: Path) -> list[str]:
    casses = []
    for cible in cibles(page):
        if est_externe(cible):
            continue
        chemin, _, fragment = cible.partition("#")
        destination = (page.parent / unquote(chemin)).resolve() if chemin else page
        if not destination.exists():
            casses.append(f"{cible} (fichier absent)")
            continue
        if not destination.resolve().is_relative_to(RACINE):
            casses.append(f"{cible} (hors du dépôt)")
            continue
        if (
            fragment
            and destination.suffix == ".md"
            and unquote(fragment).lower() not in ancres_de(destination)
        ):
            casses.append(f"{cible} (ancre absente)")
    return casses


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(RACINE)))
def test_every_relative_link_of_the_page_points_to_something_that_exists(page):
    assert liens_casses(page) == []


def test_the_link_checker_sees_broken_links_anchors_and_images(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.RACINE", tmp_path)
    (tmp_path / "cible.md").write_text("# Mise à jour\n\n## Étape 2 : le dépôt\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[bon](cible.md#mise-à-jour) [bon aussi](cible.md#étape-2--le-dépôt) "
        "[externe](https://example.org/x) `[code](absent.md)`\n"
        "[cassé](absent.md) [ancre](cible.md#inconnue) ![image](captures/x.png)\n"
        "```\n[dans un bloc](absent-aussi.md)\n```\n",
        encoding="utf-8",
    )
    assert liens_casses(page) == [
        "absent.md (fichier absent)",
        "cible.md#inconnue (ancre absente)",
        "captures/x.png (fichier absent)",
    ]


def test_the_documentation_index_links_every_guide_and_operations_page():
    index = (RACINE / "docs" / "index.md").read_text(encoding="utf-8")
    for guide in sorted((RACINE / "docs" / "guides").glob("*.md")):
        assert f"guides/{guide.name}" in index, guide.name
    for page in ("architecture.md", "deploiement.md", "exploitation.md", "glossaire.md"):
        assert f"({page})" in index, page
