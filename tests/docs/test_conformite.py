# SPDX-License-Identifier: EUPL-1.2
"""docs/conformite.md keeps one row per compliance item, each naming tests that exist."""

import re
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]


def lignes() -> dict[int, str]:
    texte = (RACINE / "docs" / "conformite.md").read_text(encoding="utf-8")
    return {int(m.group(1)): m.group(0) for m in re.finditer(r"^\| (\d+) \|.*$", texte, re.M)}


def test_every_compliance_item_has_its_row():
    assert sorted(lignes()) == list(range(1, 35))


def test_every_row_names_an_implementation_and_a_test_file_that_exist():
    for numero, ligne in lignes().items():
        cellules = [c.strip() for c in ligne.strip("|").split("|")]
        assert len(cellules) == 4 and all(cellules), numero
        fichiers = re.findall(r"`(tests/[\w/]+\.py)", cellules[3])
        # An item without test says so: "partiel — voir issue 23".
        assert fichiers or "partiel — voir issue 23" in cellules[3], f"ligne {numero} : aucun test"
        for fichier in fichiers:
            assert (RACINE / fichier).is_file(), f"ligne {numero} : {fichier}"


def test_every_test_function_named_in_the_table_exists():
    for numero, ligne in lignes().items():
        for fichier, nom in re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", ligne):
            source = (RACINE / fichier).read_text(encoding="utf-8")
            assert f"def {nom}(" in source, f"ligne {numero} : {fichier}::{nom}"
