# SPDX-License-Identifier: EUPL-1.2
from notifications.models import Message


def non_lues(request) -> dict:
    """The unread count of the header (front office and admin); one indexed COUNT query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_non_lues": Message.objects.non_lus_de(user).count()}
