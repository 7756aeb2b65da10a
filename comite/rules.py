# SPDX-License-Identifier: EUPL-1.2
"""Who may do what in the committee, object by object (django-rules).

Views and the admin ask ``user.has_perm("comite.noter", point)``; the QuerySet methods of
``comite.models`` apply the same rules to lists. A conflicted member can neither see the
scores of, nor score, nor vote on the application (art. 5, DESIGN "Committee").
"""

import rules

from accounts.roles import est_agent_metropole
from comite.models import (
    Convocation,
    PointOrdreDuJour,
    SessionExamen,
    conflits_de_la_requete,
    siege_au_comite,
)


@rules.predicate
def est_gestionnaire(user) -> bool:
    """Staff of the Métropole (they organise sessions but never score nor vote)."""
    return est_agent_metropole(user)


def _session(objet) -> SessionExamen | None:
    if isinstance(objet, PointOrdreDuJour):
        return objet.session
    return objet if isinstance(objet, SessionExamen) else None


def _convocation(user, session) -> Convocation | None:
    if session is None or not siege_au_comite(user):
        return None  # without a committee role, a convocation no longer opens anything
    cache = getattr(user, "_convocations_comite", None)
    if cache is None:
        cache = user._convocations_comite = {}
    if session.pk not in cache:
        cache[session.pk] = Convocation.objects.filter(session=session, membre=user).first()
    return cache[session.pk]


@rules.predicate
def est_convoque(user, objet) -> bool:
    return _convocation(user, _session(objet)) is not None


@rules.predicate
def est_present(user, objet) -> bool:
    convocation = _convocation(user, _session(objet))
    return bool(convocation and convocation.present)


@rules.predicate
def en_conflit(user, point) -> bool:
    if not isinstance(point, PointOrdreDuJour) or not user.is_authenticated:
        return False
    return point.candidature.territoire_id in conflits_de_la_requete(user)


@rules.predicate
def en_conflit_avant_decision(user, objet) -> bool:
    """Conflicted on an application of the session the Bureau has not decided on yet.

    The minutes give every member's scores and votes on every application: until the
    Bureau's deliberation on an application is recorded (and notified), a member conflicted
    on it must not read what the others thought of it.
    """
    session = _session(objet)
    if session is None or not user.is_authenticated:
        return False
    conflits = conflits_de_la_requete(user)
    return bool(conflits) and (
        session.points.filter(
            candidature__territoire_id__in=conflits, candidature__decision_bureau__isnull=True
        ).exists()
    )


@rules.predicate
def session_non_close(user, objet) -> bool:
    session = _session(objet)
    return session is not None and session.etat != SessionExamen.Etat.CLOSE


@rules.predicate
def session_ouverte(user, objet) -> bool:
    session = _session(objet)
    return session is not None and session.etat == SessionExamen.Etat.OUVERTE


@rules.predicate
def vote_ouvert(user, point) -> bool:
    return isinstance(point, PointOrdreDuJour) and not point.vote_clos


@rules.predicate
def preside_le_point(user, point) -> bool:
    return isinstance(point, PointOrdreDuJour) and point.presidence() == user


@rules.predicate
def preside_la_session(user, objet) -> bool:
    session = _session(objet)
    return session is not None and session.president_id == user.pk


# Read the application and score it (draft, submit, revise): a convened, non-conflicted member.
rules.add_perm("comite.noter", est_convoque & ~en_conflit & session_non_close & vote_ouvert)
# See the others' scores: same, and the view also requires the member's own submission.
rules.add_perm("comite.voir_notes", (est_convoque & ~en_conflit) | est_gestionnaire)
# Vote: a present, non-conflicted member, while the session is open and the vote too.
rules.add_perm("comite.voter", est_present & ~en_conflit & session_ouverte & vote_ouvert)
# Close the vote on one application: whoever presides over it (the substitute if conflicted).
rules.add_perm("comite.clore_vote", preside_le_point & ~en_conflit & session_ouverte & vote_ouvert)
# Session-level: the aggregates (chair and staff), opening and closing (chair or staff).
rules.add_perm("comite.voir_agregats", preside_la_session | est_gestionnaire)
rules.add_perm("comite.presider", preside_la_session | est_gestionnaire)
rules.add_perm("comite.voir_session", est_convoque | est_gestionnaire)
# The minutes (PDF): staff and the chair (who signs them); a member conflicted on one of the
# applications only once the Bureau has decided on it (docs/comite.md, docs/securite.md).
rules.add_perm(
    "comite.voir_proces_verbal",
    est_gestionnaire | preside_la_session | (est_convoque & ~en_conflit_avant_decision),
)
rules.add_perm("comite.confirmer_declarations", est_convoque & session_non_close)
