# SPDX-License-Identifier: EUPL-1.2
from accounts import sessions


def session(request) -> dict:
    """The seconds left before the session expires, for the expiry warning of every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"duree_session": sessions.duree_restante(request.session)}
