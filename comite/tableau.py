# SPDX-License-Identifier: EUPL-1.2
"""The start page's sections of the committee: what a member has to score and vote, what the
chair has to open or close."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from comite.models import Notation, PointOrdreDuJour, SessionExamen, Vote
from core.formats import date_longue, heure
from core.tableau import Ligne, Rubrique, enregistrer


def _quand(session: SessionExamen) -> str:
    return f"{date_longue(session.date)} à {heure(session.date)}"


@enregistrer
def seances_a_noter(user) -> Rubrique | None:
    """The member's sessions not closed yet: applications left to score, votes open."""
    points = (
        PointOrdreDuJour.objects.agenda_de(user)
        .exclude(session__etat=SessionExamen.Etat.CLOSE)
        .annotate(
            notee=Exists(
                Notation.objects.filter(
                    session=OuterRef("session"),
                    candidature=OuterRef("candidature"),
                    membre=user,
                    soumise_le__isnull=False,
                )
            ),
            votee=Exists(Vote.objects.filter(point=OuterRef("pk"), membre=user)),
        )
        .order_by()
        .values("session")
        .annotate(
            a_noter=Count("pk", filter=Q(notee=False)),
            a_voter=Count(
                "pk",
                filter=Q(
                    votee=False,
                    vote_clos_le__isnull=True,
                    session__etat=SessionExamen.Etat.OUVERTE,
                ),
            ),
        )
    )
    restes = {p["session"]: p for p in points}
    if not restes:
        return None
    lignes = []
    for session in SessionExamen.objects.filter(pk__in=restes).order_by("date"):
        reste = restes[session.pk]
        detail = (
            f"{reste['a_noter']} candidature{'s' if reste['a_noter'] > 1 else ''} à noter"
            if reste["a_noter"]
            else "Toutes vos notes sont soumises"
        )
        if reste["a_voter"]:
            detail += f" ; {reste['a_voter']} vote{'s' if reste['a_voter'] > 1 else ''} ouvert{'s' if reste['a_voter'] > 1 else ''}"
        lignes.append(
            Ligne(
                f"Séance du {_quand(session)} — {session.get_etat_display()}",
                reverse("admin:comite_liste_notation", args=[session.pk]),
                detail,
            )
        )
    return Rubrique(titre="Notation et votes du comité", lignes=lignes, total=len(lignes), ordre=50)


@enregistrer
def seances_a_presider(user) -> Rubrique | None:
    """The sessions the user chairs: to open when planned, to close when open."""
    seances = SessionExamen.objects.filter(president=user).exclude(etat=SessionExamen.Etat.CLOSE)
    lignes = [
        Ligne(
            f"Séance du {_quand(session)}",
            reverse("admin:comite_sessionexamen_change", args=[session.pk]),
            "À ouvrir (présences et déclarations d'intérêts)"
            if session.etat == SessionExamen.Etat.PLANIFIEE
            else "En cours : votes à clore, puis séance à clore",
        )
        for session in seances.order_by("date")
    ]
    if not lignes:
        return None
    return Rubrique(titre="Séances à présider", lignes=lignes, total=len(lignes), ordre=51)
