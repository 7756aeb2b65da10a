# SPDX-License-Identifier: EUPL-1.2
"""The committee's aggregates, in plain Python so that each figure can be checked by hand.

Every function takes plain data (dictionaries of numbers) and returns plain data: no query,
no model. The admin, the CSV export, the minutes and the applicant's score card all call
these functions, so the same number is explained the same way everywhere.

The notes of a session are ``notes[candidature][membre][critere] = note`` (any hashable keys).

Rules (published with each track, ``Parcours.regle_agregation``):

- per criterion, the retained score is the **mean** of the members' scores; the median, the
  min–max spread and the number of scorers are shown beside it;
- the **weighted total** is ``sum(mean × weight) / sum(weights)`` over the criteria scored;
- the **ranking** is by weighted total, highest first; equal totals share a rank (1, 2, 2, 4);
- **high disagreement**: on at least one criterion, the spread between the lowest and highest
  score is at least half the width of the scale (e.g. 0 and 3 on a 0–5 scale). Those
  applications are flagged for discussion before the vote;
- **sensitivity**: the ranking recomputed without each member in turn (leave-one-out), and
  with each member's scores normalised (z-score over all the scores the member gave in the
  session), to show whether one member's severity or leniency decides the list.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from statistics import mean, median, pstdev

Notes = Mapping[Hashable, Mapping[Hashable, Mapping[str, float]]]

SEUIL_DESACCORD = 0.5  # share of the scale's width


@dataclass(frozen=True)
class StatCritere:
    """One criterion of one application: what the members gave, summarised."""

    moyenne: float
    mediane: float
    minimum: float
    maximum: float
    nb_notateurs: int

    @property
    def ecart(self) -> float:
        return self.maximum - self.minimum


def stat_critere(notes: list[float]) -> StatCritere | None:
    """Mean, median, min, max and count of the scores given on one criterion (None if none)."""
    if not notes:
        return None
    return StatCritere(
        moyenne=float(mean(notes)),
        mediane=float(median(notes)),
        minimum=float(min(notes)),
        maximum=float(max(notes)),
        nb_notateurs=len(notes),
    )


def stats_candidature(
    notes_par_membre: Mapping[Hashable, Mapping[str, float]],
) -> dict[str, StatCritere]:
    """Criterion -> :class:`StatCritere` for one application (criteria nobody scored are absent)."""
    par_critere: dict[str, list[float]] = {}
    for notes in notes_par_membre.values():
        for critere, note in notes.items():
            if note is not None:
                par_critere.setdefault(critere, []).append(float(note))
    return {critere: stat_critere(valeurs) for critere, valeurs in par_critere.items()}


def total_pondere(moyennes: Mapping[str, float], poids: Mapping[str, float]) -> float | None:
    """``sum(mean × weight) / sum(weights)`` over the criteria that have a mean and a weight."""
    criteres = [c for c in moyennes if c in poids and moyennes[c] is not None]
    somme_poids = sum(float(poids[c]) for c in criteres)
    if not criteres or somme_poids == 0:
        return None
    return sum(float(moyennes[c]) * float(poids[c]) for c in criteres) / somme_poids


def contributions(moyennes: Mapping[str, float], poids: Mapping[str, float]) -> dict[str, float]:
    """How many points of the weighted total each criterion brings (they add up to the total)."""
    somme_poids = sum(float(poids[c]) for c in moyennes if c in poids)
    if somme_poids == 0:
        return {}
    return {c: float(moyennes[c]) * float(poids[c]) / somme_poids for c in moyennes if c in poids}


def classement(totaux: Mapping[Hashable, float | None]) -> dict[Hashable, int]:
    """Rank by total, highest first; equal totals share a rank (1, 2, 2, 4); no total, no rank."""
    notes = sorted((t for t in totaux.values() if t is not None), reverse=True)
    rangs = {}
    for cle, total in totaux.items():
        if total is not None:
            rangs[cle] = 1 + sum(1 for autre in notes if autre > total + 1e-9)
    return rangs


def desaccord_eleve(
    stats: Mapping[str, StatCritere], echelle_min: float, echelle_max: float
) -> list[str]:
    """The criteria on which the spread reaches half the scale's width (empty: no flag)."""
    largeur = echelle_max - echelle_min
    if largeur <= 0:
        return []
    return [c for c, s in stats.items() if s.ecart >= SEUIL_DESACCORD * largeur - 1e-9]


def totaux(
    notes: Notes,
    poids: Mapping[str, float],
    poids_par_candidature: Mapping[Hashable, Mapping[str, float]] | None = None,
) -> dict[Hashable, float | None]:
    """Application -> weighted total of the criterion means.

    ``poids_par_candidature``: the weights of each application's own track, when a session
    examines several tracks; ``poids`` for the applications it does not name.
    """
    propres = poids_par_candidature or {}
    resultat = {}
    for candidature, par_membre in notes.items():
        stats = stats_candidature(par_membre)
        resultat[candidature] = total_pondere(
            {c: s.moyenne for c, s in stats.items()}, propres.get(candidature, poids)
        )
    return resultat


def _liste(rangs: Mapping[Hashable, int], nb_places: int | None) -> set | list:
    ordre = sorted(rangs, key=lambda c: (rangs[c], str(c)))
    if nb_places is None:
        return ordre
    return {c for c in rangs if rangs[c] <= nb_places}


@dataclass(frozen=True)
class Sensibilite:
    """What changes when the scores are recomputed a different way."""

    libelle: str  # "Sans Membre A", "Notes normalisées"
    rangs: dict
    liste_change: bool  # the first ``nb_places`` (or the whole order) differ
    rangs_modifies: list  # applications whose rank changed


def sans_membre(notes: Notes, membre: Hashable) -> dict:
    """The notes without one member's (leave-one-out)."""
    return {
        candidature: {m: n for m, n in par_membre.items() if m != membre}
        for candidature, par_membre in notes.items()
    }


def normaliser(notes: Notes) -> dict:
    """Each member's scores as z-scores over all the scores that member gave in the session.

    A severe member and a lenient one then weigh the same; a member who gave the same score
    everywhere (no spread) contributes 0 everywhere.
    """
    par_membre: dict[Hashable, list[float]] = {}
    for par_m in notes.values():
        for membre, criteres in par_m.items():
            par_membre.setdefault(membre, []).extend(
                float(n) for n in criteres.values() if n is not None
            )
    moyenne_ecart = {
        m: (mean(valeurs), pstdev(valeurs)) for m, valeurs in par_membre.items() if valeurs
    }
    resultat: dict = {}
    for candidature, par_m in notes.items():
        resultat[candidature] = {}
        for membre, criteres in par_m.items():
            moy, ecart = moyenne_ecart.get(membre, (0.0, 0.0))
            resultat[candidature][membre] = {
                c: (0.0 if ecart == 0 else (float(n) - moy) / ecart)
                for c, n in criteres.items()
                if n is not None
            }
    return resultat


def sensibilite(
    notes: Notes,
    poids: Mapping[str, float],
    *,
    nb_places: int | None = None,
    libelles_membres: Mapping[Hashable, str] | None = None,
    poids_par_candidature: Mapping[Hashable, Mapping[str, float]] | None = None,
) -> list[Sensibilite]:
    """The ranking without each member in turn, then with normalised scores.

    ``nb_places``: compare the first N applications (the list the committee is likely to
    propose); without it the whole order is compared. ``poids_par_candidature``: as in
    :func:`totaux`, so that the reference is the ranking the session's table shows.
    """
    reference = classement(totaux(notes, poids, poids_par_candidature))
    liste_reference = _liste(reference, nb_places)
    membres = sorted({m for par_m in notes.values() for m in par_m}, key=str)
    libelles_membres = libelles_membres or {m: str(m) for m in membres}
    variantes = [(f"Sans {libelles_membres[m]}", sans_membre(notes, m)) for m in membres]
    variantes.append(("Notes normalisées (z-score par membre)", normaliser(notes)))
    resultat = []
    for libelle, variante in variantes:
        rangs = classement(totaux(variante, poids, poids_par_candidature))
        resultat.append(
            Sensibilite(
                libelle=libelle,
                rangs=rangs,
                liste_change=_liste(rangs, nb_places) != liste_reference,
                rangs_modifies=sorted(
                    (c for c in reference if rangs.get(c) != reference[c]), key=str
                ),
            )
        )
    return resultat


def pseudonymes(membres: list) -> dict:
    """Member -> "Membre A", "Membre B"… in the given order (the applicant never sees names)."""
    lettres = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return {m: f"Membre {lettres[i] if i < len(lettres) else i + 1}" for i, m in enumerate(membres)}


def deplacement(independantes: Notes, revisees: Notes, poids: Mapping[str, float]) -> dict:
    """Application -> weighted total after discussion minus before (how much discussion moved it)."""
    avant = totaux(independantes, poids)
    apres = totaux(revisees, poids)
    return {
        c: (apres[c] - avant[c]) if avant.get(c) is not None and apres.get(c) is not None else None
        for c in avant
    }
