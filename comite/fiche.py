# SPDX-License-Identifier: EUPL-1.2
"""The applicant's explained score card: per criterion the aggregate, weight and contribution,
and each member's scores under a pseudonym ("Membre A"…)."""

from dataclasses import dataclass

from comite import agregats
from comite.models import NoteCritere, SessionExamen
from tracks.criteres import Critere


@dataclass
class LigneFiche:
    libelle: str
    moyenne: float
    poids: float
    contribution: float
    notes: list  # [(pseudonym, score)]


def fiche_de_notation(candidature) -> dict | None:
    """The score card from the closed session that examined the application (None if none)."""
    point = (
        candidature.points_comite.filter(session__etat=SessionExamen.Etat.CLOSE)
        .order_by("-session__date")
        .first()
    )
    if point is None:
        return None
    notes: dict = {}
    for membre_id, critere, note, revisee in NoteCritere.objects.filter(
        notation__session_id=point.session_id,
        notation__candidature=candidature,
        notation__soumise_le__isnull=False,
    ).values_list("notation__membre_id", "critere", "note", "note_revisee"):
        valeur = revisee if revisee is not None else note
        if valeur is not None:
            notes.setdefault(membre_id, {})[critere] = valeur
    pseudos = agregats.pseudonymes(sorted(notes))
    poids = {c: float(p) for c, p in candidature.parcours.ponderations_dict().items()}
    stats = agregats.stats_candidature(notes)
    moyennes = {c: s.moyenne for c, s in stats.items()}
    contributions = agregats.contributions(moyennes, poids)
    lignes = [
        LigneFiche(
            libelle=c.label,
            moyenne=moyennes[c.value],
            poids=poids.get(c.value, 0),
            contribution=contributions.get(c.value, 0),
            notes=[(pseudos[m], notes[m][c.value]) for m in sorted(notes) if c.value in notes[m]],
        )
        for c in Critere
        if c.value in moyennes
    ]
    return {
        "session": point.session,
        "lignes": lignes,
        "total": agregats.total_pondere(moyennes, poids),
        "membres": list(pseudos.values()),
        "echelle_min": candidature.parcours.echelle_min,
        "echelle_max": candidature.parcours.echelle_max,
        "regle": candidature.parcours.regle_agregation(),
    }
