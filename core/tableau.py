# SPDX-License-Identifier: EUPL-1.2
"""The start page's sections: each app tells what awaits a user in its own domain.

``core`` is the lowest layer and imports no domain app: the apps register their section
providers here from their ``AppConfig.ready`` (see each app's ``tableau.py``). A provider
returns ``None`` when the user has nothing to do, or no right to do it, in that domain, so
a section is never shown to someone who cannot act on it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

NOMBRE_MAXIMAL_DE_LIGNES = 8


@dataclass(frozen=True)
class Ligne:
    libelle: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Rubrique:
    """One section of the start page: a title, a few items, a link to the whole list."""

    titre: str
    lignes: list[Ligne] = field(default_factory=list)
    total: int = 0
    lien_tout: str = ""
    libelle_tout: str = "Tout voir"
    ordre: int = 50

    @property
    def reste(self) -> int:
        return max(self.total - len(self.lignes), 0)


Fournisseur = Callable[[object], "Rubrique | list[Rubrique] | None"]
_fournisseurs: list[Fournisseur] = []


def enregistrer(fournisseur: Fournisseur) -> Fournisseur:
    """Register a section provider (called once per app, from ``AppConfig.ready``)."""
    if fournisseur not in _fournisseurs:
        _fournisseurs.append(fournisseur)
    return fournisseur


def rubriques_de(user) -> list[Rubrique]:
    """Every non-empty section for ``user``, in the order of the programme's steps."""
    rubriques: list[Rubrique] = []
    for fournisseur in _fournisseurs:
        resultat = fournisseur(user)
        if resultat is None:
            continue
        for rubrique in resultat if isinstance(resultat, list) else [resultat]:
            if rubrique.lignes or rubrique.total:
                rubriques.append(rubrique)
    return sorted(rubriques, key=lambda r: r.ordre)
