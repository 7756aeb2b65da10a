# SPDX-License-Identifier: EUPL-1.2
"""The public results of a track: who was selected, how the committee scored them, what was
experimented, with whom, and the assessment.

Only organisations and aggregates: the members' scores are keyed by id to compute the
committee's means (:mod:`comite.agregats`) and never leave this module; no person is named.
Used by the track's public page (``suivi/_resultats_parcours.html``) and the open data.
"""

from dataclasses import dataclass, field

from comite import agregats
from suivi.livrables import candidatures_selectionnees
from tracks.criteres import Critere


@dataclass
class ScoreLaureat:
    territoire: object
    moyennes: dict[str, float | None]  # criterion -> committee mean
    total: float | None
    nb_notateurs: int

    @property
    def moyennes_ordonnees(self) -> list[float | None]:
        return [self.moyennes.get(c.value) for c in Critere]


@dataclass
class Resultats:
    parcours: object
    laureats: list = field(default_factory=list)
    scores: list[ScoreLaureat] = field(default_factory=list)
    cas_usage: object = None
    prestataires: list = field(default_factory=list)
    synthese_bilan: str = ""
    fiche_registre: object = None

    @property
    def criteres(self) -> list[str]:
        return [c.label for c in Critere]

    @property
    def vide(self) -> bool:
        return not (self.laureats or self.cas_usage or self.prestataires or self.synthese_bilan)


def notes_des_laureats(candidature_ids: list[int]) -> dict:
    """``{candidature_id: {(session_id, membre_id): {critere: note}}}``: submitted scores, the
    revised one when the member revised it (one query). Each session's sheet counts as one
    scorer, so an application examined twice keeps both sessions' scores."""
    from comite.models import NoteCritere

    notes: dict = {}
    lignes = NoteCritere.objects.filter(
        notation__candidature_id__in=candidature_ids, notation__soumise_le__isnull=False
    ).values_list(
        "notation__candidature_id",
        "notation__session_id",
        "notation__membre_id",
        "critere",
        "note",
        "note_revisee",
    )
    for candidature_id, session_id, membre_id, critere, note, revisee in lignes:
        valeur = revisee if revisee is not None else note
        if valeur is not None:
            notes.setdefault(candidature_id, {}).setdefault((session_id, membre_id), {})[
                critere
            ] = valeur
    return notes


def resultats_publics(parcours) -> Resultats:
    """What the public may know of a track's outcome, once each step is reached.

    A constant number of queries, whatever the number of applications.
    """
    resultats = Resultats(parcours=parcours)
    if parcours.rang_etape < 3:
        return resultats
    candidatures = candidatures_selectionnees(parcours)
    resultats.laureats = [c.territoire for c in candidatures]
    poids = {c: float(p) for c, p in parcours.ponderations_dict().items()}
    notes = notes_des_laureats([c.pk for c in candidatures])
    for candidature in candidatures:
        stats = agregats.stats_candidature(notes.get(candidature.pk, {}))
        moyennes = {c: s.moyenne for c, s in stats.items()}
        resultats.scores.append(
            ScoreLaureat(
                territoire=candidature.territoire,
                moyennes=moyennes,
                total=agregats.total_pondere(moyennes, poids),
                nb_notateurs=max((s.nb_notateurs for s in stats.values()), default=0),
            )
        )
    resultats.cas_usage = next((c for c in parcours.cas_usage.all() if c.retenu), None)
    marche = parcours.marches.filter(infructueux=False).prefetch_related("prestataires").last()
    if marche is not None and parcours.rang_etape >= 7 and parcours.etat != "infructueux":
        resultats.prestataires = [p.raison_sociale for p in marche.prestataires.all()]
    if parcours.etat == "clos":
        resultats.synthese_bilan = parcours.synthese_bilan
    from suivi.models import FicheRegistreIA

    resultats.fiche_registre = FicheRegistreIA.objects.filter(
        parcours=parcours, publiee=True
    ).first()
    return resultats
