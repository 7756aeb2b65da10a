# SPDX-License-Identifier: EUPL-1.2
"""The members' scores of one application side by side: criteria as rows, members as columns.

The rows follow :class:`tracks.criteres.Critere` (the grid's order, art. 5.2), the columns
the notations given (the viewer's own first, chosen by the caller), so that a member compares
the same criterion across the committee at a glance. The spread is flagged with the rule of
the aggregates (:func:`comite.agregats.desaccord_eleve`), never a second rule.

Which notations may be shown is not decided here: the caller passes only those
``Notation.objects.visibles_par(user)`` returns.
"""

from dataclasses import dataclass

from comite import agregats
from tracks.criteres import Critere


@dataclass(frozen=True)
class Cellule:
    """One member's score on one criterion."""

    note: int | None  # the retained score: revised when the member revised it
    note_independante: int | None
    revisee: bool
    commentaire: str
    commentaire_revision: str


@dataclass(frozen=True)
class LigneMatrice:
    code: str
    libelle: str
    cellules: list  # one Cellule (or None: not scored) per column, in the columns' order
    ecart: float | None  # highest minus lowest retained score
    desaccord: bool  # the spread reaches the aggregates' "fort désaccord" threshold


@dataclass(frozen=True)
class Colonne:
    membre: str
    est_moi: bool
    revisee: bool
    commentaires: list  # [(criterion label, comment, revision comment)] in the grid's order


def matrice_notes(
    notations: list, *, moi=None, echelle_min: float, echelle_max: float
) -> tuple[list[Colonne], list[LigneMatrice]]:
    """Columns and rows for ``notations`` (their ``notes`` prefetched), in the given order."""
    par_colonne = [{n.critere: n for n in notation.notes.all()} for notation in notations]
    retenues = {
        rang: {c: n.note_retenue for c, n in notes.items() if n.note_retenue is not None}
        for rang, notes in enumerate(par_colonne)
    }
    stats = agregats.stats_candidature(retenues)
    desaccords = set(agregats.desaccord_eleve(stats, echelle_min, echelle_max))
    lignes = []
    for critere in Critere:
        cellules = []
        for notes in par_colonne:
            note = notes.get(critere.value)
            cellules.append(
                None
                if note is None
                else Cellule(
                    note=note.note_retenue,
                    note_independante=note.note,
                    revisee=note.note_revisee is not None,
                    commentaire=note.commentaire,
                    commentaire_revision=note.commentaire_revision,
                )
            )
        stat = stats.get(critere.value)
        lignes.append(
            LigneMatrice(
                code=critere.value,
                libelle=critere.label,
                cellules=cellules,
                ecart=stat.ecart if stat else None,
                desaccord=critere.value in desaccords,
            )
        )
    colonnes = [
        Colonne(
            membre=str(notation.membre),
            est_moi=moi is not None and notation.membre_id == moi.pk,
            revisee=notation.revisee_le is not None,
            commentaires=[
                (critere.label, note.commentaire, note.commentaire_revision)
                for critere in Critere
                if (note := notes.get(critere.value)) is not None
                and (note.commentaire or note.commentaire_revision)
            ],
        )
        for notation, notes in zip(notations, par_colonne, strict=True)
    ]
    return colonnes, lignes
