# SPDX-License-Identifier: EUPL-1.2
"""The minutes (procès-verbal) of a closed session, as an archival PDF.

Members present, conflicts declared (and absences from the vote that follow), substitute
chairs, scores, how much the discussion moved each application, votes, results and casting
votes, and the reason given when the session was closed with scores missing.
"""

from comite import seances
from comite.models import DeclarationInteret, SessionExamen, territoires_en_conflit
from core.pdf import rendre_pdf


def contexte_proces_verbal(session: SessionExamen) -> dict:
    """Everything the minutes say, computed once (also used by the HTML preview)."""
    convocations = list(
        session.convocations.select_related("membre", "mandat__groupe").order_by(
            "membre__nom_complet"
        )
    )
    membres = [c.membre for c in convocations]
    declarations = DeclarationInteret.objects.filter(
        membre__in=membres, retiree_le__isnull=True
    ).select_related("membre", "territoire")
    conflits = {m.pk: territoires_en_conflit(m) for m in membres}
    lignes, sensibilite = seances.agregats_de_session(session)
    points = []
    for ligne in lignes:
        point = ligne.point
        votes = {v.membre_id: v for v in point.votes.select_related("membre")}
        points.append(
            {
                "ligne": ligne,
                "point": point,
                "votes": list(votes.values()),
                "pour": sum(1 for v in votes.values() if v.choix == "pour"),
                "contre": sum(1 for v in votes.values() if v.choix == "contre"),
                "abstention": sum(1 for v in votes.values() if v.choix == "abstention"),
                "en_conflit": [
                    c.membre
                    for c in convocations
                    if point.candidature.territoire_id in conflits[c.membre_id]
                ],
            }
        )
    return {
        "session": session,
        "convocations": convocations,
        "presents": [c for c in convocations if c.present],
        "absents": [c for c in convocations if not c.present],
        "declarations": declarations,
        "points": points,
        "sensibilite": sensibilite,
    }


def produire_proces_verbal(session: SessionExamen) -> bytes:
    """Render the minutes to PDF/A (``core.pdf``)."""
    contexte = contexte_proces_verbal(session)
    titre = f"Procès-verbal de la séance d'examen — {session}"
    return rendre_pdf("comite/pdf/proces_verbal.html", {**contexte, "titre": titre}, titre=titre)
