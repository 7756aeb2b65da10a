# SPDX-License-Identifier: EUPL-1.2
"""Fairness of scoring, across sessions, for the committee's chair and the programme team.

- each member's mean score against the committee's mean on the same applications and
  criteria, with the spread of that difference (a member consistently harsher or more
  lenient shows a stable negative or positive gap);
- the applications with high disagreement (:func:`comite.agregats.desaccord_eleve`);
- the effect of leaving each member out on each session's ranking
  (:func:`comite.agregats.sensibilite`).

All the arithmetic is :mod:`comite.agregats`'; this module only gathers the submitted scores
of every session in one query and arranges them.
"""

from dataclasses import dataclass
from statistics import mean, pstdev

from comite import agregats
from tracks.criteres import Critere


@dataclass
class EcartMembre:
    membre: object
    nb_notes: int
    moyenne: float
    moyenne_comite: float  # the committee's mean on the same applications and criteria
    ecart_moyen: float  # member minus committee, on average
    dispersion: float  # standard deviation of that difference
    nb_sessions: int


@dataclass
class Desaccord:
    session: object
    candidature: object
    criteres: list[str]


@dataclass
class SensibiliteSession:
    session: object
    variantes: list[agregats.Sensibilite]


@dataclass
class Panneau:
    membres: list[EcartMembre]
    desaccords: list[Desaccord]
    sensibilites: list[SensibiliteSession]


def _notes_par_session() -> tuple[dict, dict, dict]:
    """``{session_id: {candidature_id: {membre_id: {critere: note}}}}`` (one query), plus the
    sessions and applications involved (two more)."""
    from candidatures.models import Candidature
    from comite.models import NoteCritere, SessionExamen

    notes: dict = {}
    lignes = NoteCritere.objects.filter(notation__soumise_le__isnull=False).values_list(
        "notation__session_id",
        "notation__candidature_id",
        "notation__membre_id",
        "critere",
        "note",
        "note_revisee",
    )
    for session_id, candidature_id, membre_id, critere, note, revisee in lignes:
        valeur = revisee if revisee is not None else note
        if valeur is not None:
            notes.setdefault(session_id, {}).setdefault(candidature_id, {}).setdefault(
                membre_id, {}
            )[critere] = valeur
    sessions = SessionExamen.objects.in_bulk(list(notes))
    candidatures = (
        Candidature.objects.select_related("territoire", "parcours")
        .prefetch_related("parcours__ponderations")
        .in_bulk({c for par_c in notes.values() for c in par_c})
    )
    return notes, sessions, candidatures


def panneau() -> Panneau:
    """Everything the fairness page shows; a constant number of queries."""
    from accounts.models import User

    notes, sessions, candidatures = _notes_par_session()
    differences: dict = {}
    valeurs: dict = {}
    comite: dict = {}
    sessions_membre: dict = {}
    desaccords = []
    for session_id, par_candidature in notes.items():
        for candidature_id, par_membre in par_candidature.items():
            stats = agregats.stats_candidature(par_membre)
            for membre_id, criteres in par_membre.items():
                sessions_membre.setdefault(membre_id, set()).add(session_id)
                for critere, note in criteres.items():
                    reference = stats[critere].moyenne
                    differences.setdefault(membre_id, []).append(float(note) - reference)
                    valeurs.setdefault(membre_id, []).append(float(note))
                    comite.setdefault(membre_id, []).append(reference)
            parcours = candidatures[candidature_id].parcours
            criteres_en_desaccord = agregats.desaccord_eleve(
                stats, parcours.echelle_min, parcours.echelle_max
            )
            if criteres_en_desaccord:
                desaccords.append(
                    Desaccord(
                        session=sessions[session_id],
                        candidature=candidatures[candidature_id],
                        criteres=[Critere(c).label for c in criteres_en_desaccord],
                    )
                )
    membres = User.objects.in_bulk(list(differences))
    lignes = [
        EcartMembre(
            membre=membres[m],
            nb_notes=len(diffs),
            moyenne=mean(valeurs[m]),
            moyenne_comite=mean(comite[m]),
            ecart_moyen=mean(diffs),
            dispersion=pstdev(diffs),
            nb_sessions=len(sessions_membre[m]),
        )
        for m, diffs in differences.items()
    ]
    lignes.sort(key=lambda ligne: -abs(ligne.ecart_moyen))
    sensibilites = []
    for session_id, par_candidature in sorted(notes.items()):
        cles = {candidatures[c]: n for c, n in par_candidature.items()}
        # Each application with its own track's weights (a session may examine several).
        poids = {
            candidature: {c: float(p) for c, p in candidature.parcours.ponderations_dict().items()}
            for candidature in cles
        }
        sensibilites.append(
            SensibiliteSession(
                session=sessions[session_id],
                variantes=agregats.sensibilite(
                    cles,
                    {},
                    poids_par_candidature=poids,
                    libelles_membres={
                        m: membres[m].nom_complet or str(membres[m]) for m in membres
                    },
                ),
            )
        )
    return Panneau(membres=lignes, desaccords=desaccords, sensibilites=sensibilites)
