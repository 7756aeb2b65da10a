# SPDX-License-Identifier: EUPL-1.2
"""The lock files of requirements/ follow pyproject.toml: a change there without ``make lock``
fails here, so that two installs (CI, a production machine, a developer's) stay the same install.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

RACINE = Path(__file__).resolve().parents[2]
# Each lock file and the extras of pyproject.toml it holds on top of the main dependencies.
VERROUS = {
    "prod.txt": (),
    "s3.txt": ("s3",),
    "dev.txt": ("dev", "s3"),
    "bench.txt": ("dev", "s3", "bench"),
}
EPINGLE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)")


def exigences_directes(extras: tuple[str, ...]) -> dict[str, Requirement]:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text("utf-8"))["project"]
    textes = list(projet["dependencies"])
    for extra in extras:
        textes += projet["optional-dependencies"][extra]
    return {canonicalize_name(r.name): r for r in map(Requirement, textes)}


def lire_verrou(nom: str) -> tuple[dict[str, str], set[str], set[str]]:
    """Pinned versions, names pinned without a hash, names required by pyproject.toml."""
    versions, sans_empreinte, directs = {}, set(), set()
    paquet = None
    for ligne in (RACINE / "requirements" / nom).read_text("utf-8").splitlines():
        if correspondance := EPINGLE.match(ligne):
            paquet = canonicalize_name(correspondance[1])
            versions[paquet] = correspondance[2]
            sans_empreinte.add(paquet)
        elif "--hash=sha256:" in ligne and paquet:
            sans_empreinte.discard(paquet)
        elif ligne.strip().startswith("# via") and "appropriation (pyproject.toml)" in ligne:
            directs.add(paquet)
    return versions, sans_empreinte, directs


@pytest.mark.parametrize("nom", VERROUS)
def test_each_lock_file_pins_every_direct_dependency_with_hashes(nom):
    attendues = exigences_directes(VERROUS[nom])
    versions, sans_empreinte, directs = lire_verrou(nom)
    assert sans_empreinte == set(), "paquets sans empreinte"
    absentes = sorted(set(attendues) - set(versions))
    assert absentes == [], "ajoutées à pyproject.toml sans `make lock`"
    assert directs == set(attendues), "retirées ou ajoutées à pyproject.toml sans `make lock`"
    hors_bornes = {
        paquet: versions[paquet]
        for paquet, exigence in attendues.items()
        if not exigence.specifier.contains(versions[paquet], prereleases=True)
    }
    assert hors_bornes == {}, "bornes de pyproject.toml changées sans `make lock`"


def test_the_lock_files_agree_on_the_versions_they_share():
    """dev and bench are compiled under the production pins: what CI tests is what ships."""
    prod = lire_verrou("prod.txt")[0]
    for nom in ("s3.txt", "dev.txt", "bench.txt"):
        versions = lire_verrou(nom)[0]
        ecarts = {p: (v, versions[p]) for p, v in prod.items() if versions.get(p, v) != v}
        assert ecarts == {}, nom


def test_make_installs_from_the_locks_and_ci_goes_through_make():
    makefile = (RACINE / "Makefile").read_text("utf-8")
    assert "install --quiet --require-hashes -r requirements/prod.txt" in makefile
    assert "install --quiet --require-hashes -r requirements/dev.txt" in makefile
    assert "install --quiet --no-deps -e ." in makefile
    assert re.search(r"^lock: ", makefile, re.MULTILINE)
    assert "make test" in (RACINE / ".ci" / "run").read_text("utf-8")
