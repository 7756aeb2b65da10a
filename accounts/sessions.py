# SPDX-License-Identifier: EUPL-1.2
"""One hour of inactivity ends a session, without writing the session on every request.

Saving the session on each request (``SESSION_SAVE_EVERY_REQUEST``) cost a write transaction
per page, the largest share of a signed-in page's floor (docs/performance.md). The session is
now renewed at most once a minute: its expiry is then between 59 and 60 minutes after the last
request, never more than the hour of COMPLIANCE 8, and the expiry warning is told the time that
really remains (:func:`duree_restante`).
"""

import time

from django.conf import settings

CLE = "_renouvelee_le"
INTERVALLE = 60  # seconds between two renewals of an active session


def _maintenant() -> int:
    return int(time.time())


def a_renouveler(session) -> bool:
    """Whether this request must write the session to push its expiry back."""
    return _maintenant() - session.get(CLE, 0) >= INTERVALLE


def renouveler(session) -> None:
    """Mark the session for saving now; the session middleware writes it and resends the cookie."""
    session[CLE] = _maintenant()


def duree_restante(session) -> int:
    """Seconds before the session expires, as seen once this request has been answered."""
    if session.modified or a_renouveler(session):
        return settings.SESSION_COOKIE_AGE
    return max(settings.SESSION_COOKIE_AGE - (_maintenant() - session[CLE]), 0)


class RenouvellementSessionMiddleware:
    """Renew a signed-in session at most once per :data:`INTERVALLE`.

    Placed right after ``SessionMiddleware``, so that on the way out it marks the session
    before that middleware decides whether to save it. A session nobody read during the
    request, or one without a key (an anonymous visitor), is neither loaded nor written here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.accessed
            and session.session_key
            and not session.is_empty()
            and (session.modified or a_renouveler(session))
        ):
            renouveler(session)
        return response
