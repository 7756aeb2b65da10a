# SPDX-License-Identifier: EUPL-1.2
"""How far each territoire has taken part in the programme, across every track.

One level per territoire, the highest it reached on any track:

- ``AUCUNE``: never applied (a draft that was never submitted does not count);
- ``CANDIDATE``: submitted at least one application (whatever its outcome, even withdrawn);
- ``SELECTIONNEE``: selected by the Bureau Métropolitain on at least one track;
- ``EXPERIMENTATION``: selected on a track that reached phase 2 (experimentation, stopped,
  assessment or closed): the territoire actually experimented an AI solution.

A commune is *covered* at a level when it reached it itself or through its EPT's application
(an EPT's experimentation serves all its communes). The population covered is the sum of the
INSEE municipal populations of the covered communes, over the 130 communes of the Métropole.

Everything here reads the candidatures through one query whatever their number, and gives
territoires and levels only: never a person.
"""

from dataclasses import dataclass
from enum import IntEnum

from django.apps import apps

from territoires.models import Territoire


class Niveau(IntEnum):
    AUCUNE = 0
    CANDIDATE = 1
    SELECTIONNEE = 2
    EXPERIMENTATION = 3

    @property
    def libelle(self) -> str:
        return LIBELLES[self]

    @property
    def code(self) -> str:
        return CODES[self]


LIBELLES = {
    Niveau.AUCUNE: "jamais candidate",
    Niveau.CANDIDATE: "candidature déposée",
    Niveau.SELECTIONNEE: "sélectionnée",
    Niveau.EXPERIMENTATION: "en expérimentation ou l'ayant menée",
}
CODES = {
    Niveau.AUCUNE: "aucune",
    Niveau.CANDIDATE: "candidate",
    Niveau.SELECTIONNEE: "selectionnee",
    Niveau.EXPERIMENTATION: "experimentation",
}

# Candidature states that were never submitted (candidatures app).
ETATS_NON_DEPOSES = ("brouillon",)
ETAT_SELECTIONNEE = "selectionnee"
# Track states from which a selected territoire has experimented (tracks app).
ETATS_PARCOURS_PHASE2 = ("experimentation", "arrete", "bilan", "clos")


def modele_candidature():
    """The Candidature model, or ``None`` while the candidatures app has none."""
    try:
        return apps.get_model("candidatures", "Candidature")
    except LookupError:
        return None


def niveau_candidature(etat: str, etat_parcours: str) -> Niveau:
    """The level one submitted application gives its territoire."""
    if etat != ETAT_SELECTIONNEE:
        return Niveau.CANDIDATE
    if etat_parcours in ETATS_PARCOURS_PHASE2:
        return Niveau.EXPERIMENTATION
    return Niveau.SELECTIONNEE


def niveaux_par_territoire() -> dict[int, Niveau]:
    """Territoire id -> highest level reached on any track (absent: never applied). One query."""
    Candidature = modele_candidature()
    if Candidature is None:
        return {}
    niveaux: dict[int, Niveau] = {}
    lignes = (
        Candidature.objects.exclude(etat__in=ETATS_NON_DEPOSES)
        .values_list("territoire_id", "etat", "parcours__etat")
        .distinct()
    )
    for territoire_id, etat, etat_parcours in lignes:
        niveau = niveau_candidature(etat, etat_parcours)
        if niveau > niveaux.get(territoire_id, Niveau.AUCUNE):
            niveaux[territoire_id] = niveau
    return niveaux


@dataclass
class LigneCommune:
    territoire: Territoire
    niveau: Niveau  # its own applications
    niveau_couvert: Niveau  # itself or through its EPT


@dataclass
class LigneEpt:
    territoire: Territoire
    niveau: Niveau  # the EPT's own applications
    niveau_couvert: Niveau  # the highest of the EPT and its communes
    nb_communes: int
    nb_communes_touchees: int  # communes covered at least as applicants
    population: int


@dataclass
class Participation:
    communes: list[LigneCommune]
    epts: list[LigneEpt]
    population_totale: int
    population_couverte: dict[Niveau, int]  # level -> population covered at least at that level

    def part_couverte(self, niveau: Niveau) -> float:
        """Share (0–1) of the metropolitan population covered at least at ``niveau``."""
        if not self.population_totale:
            return 0.0
        return self.population_couverte[niveau] / self.population_totale

    @property
    def parts(self) -> list[dict]:
        """For the templates: each level from "applied" up, with population and share."""
        return [
            {
                "niveau": niveau,
                "population": self.population_couverte[niveau],
                "pourcentage": round(100 * self.part_couverte(niveau), 1),
            }
            for niveau in (Niveau.CANDIDATE, Niveau.SELECTIONNEE, Niveau.EXPERIMENTATION)
        ]

    @property
    def jamais_touchees(self) -> list[Territoire]:
        """Communes never reached by any track: no application, neither their own nor their EPT's."""
        return [
            ligne.territoire for ligne in self.communes if ligne.niveau_couvert == Niveau.AUCUNE
        ]


def participation() -> Participation:
    """The participation of the 130 communes and of the EPT (two queries in all)."""
    niveaux = niveaux_par_territoire()
    territoires = list(
        Territoire.objects.filter(nature__in=[Territoire.Nature.COMMUNE, Territoire.Nature.EPT])
        .select_related("ept")
        .order_by("nom_tri")
    )
    epts = {t.pk: t for t in territoires if t.nature == Territoire.Nature.EPT}
    communes = []
    for t in territoires:
        if t.nature != Territoire.Nature.COMMUNE:
            continue
        propre = niveaux.get(t.pk, Niveau.AUCUNE)
        par_ept = niveaux.get(t.ept_id, Niveau.AUCUNE) if t.ept_id else Niveau.AUCUNE
        communes.append(LigneCommune(t, propre, max(propre, par_ept)))
    lignes_ept = []
    for ept in epts.values():
        siennes = [c for c in communes if c.territoire.ept_id == ept.pk]
        propre = niveaux.get(ept.pk, Niveau.AUCUNE)
        lignes_ept.append(
            LigneEpt(
                territoire=ept,
                niveau=propre,
                niveau_couvert=max([propre, *(c.niveau for c in siennes)]),
                nb_communes=len(siennes),
                nb_communes_touchees=sum(1 for c in siennes if c.niveau_couvert > Niveau.AUCUNE),
                population=sum(c.territoire.population for c in siennes),
            )
        )
    lignes_ept.sort(key=lambda ligne: int(ligne.territoire.code[1:]))
    total = sum(c.territoire.population for c in communes)
    couverte = {
        niveau: sum(c.territoire.population for c in communes if c.niveau_couvert >= niveau)
        for niveau in Niveau
    }
    return Participation(communes, lignes_ept, total, couverte)
