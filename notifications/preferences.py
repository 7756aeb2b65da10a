# SPDX-License-Identifier: EUPL-1.2
"""Which messages a user may turn off, and whether they did.

Optional messages are opt-in: a user receives them only after ticking the matching box on
the preferences page. Legal notices (acknowledgement of receipt, decisions, conventions) are
mandatory whatever the caller says: :func:`notifications.outbox.notifier` enforces it.
"""

# gabarit -> field of PreferencesNotification that opts the user in.
OPTIONNELS: dict[str, str] = {
    "parcours_publie": "parcours_publies",
    "rappel_echeance_sans_candidature": "rappels_sans_candidature",
}

# A gabarit whose name starts with one of these is a legal notice: it cannot be turned off.
PREFIXES_OBLIGATOIRES: tuple[str, ...] = ("accuse_reception", "decision", "convention")


def est_obligatoire(gabarit: str) -> bool:
    return gabarit.startswith(PREFIXES_OBLIGATOIRES)


def est_optionnel(gabarit: str) -> bool:
    return gabarit in OPTIONNELS and not est_obligatoire(gabarit)


def accepte(user, gabarit: str) -> bool:
    """True unless ``gabarit`` is optional and ``user`` (a user or its id) did not opt in."""
    if user is None or not est_optionnel(gabarit):
        return True
    from notifications.models import PreferencesNotification

    return PreferencesNotification.objects.filter(
        utilisateur=user, **{OPTIONNELS[gabarit]: True}
    ).exists()


def abonnes(champ: str):
    """The users who opted in to one optional kind (for the reminder rules' queries)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True, **{f"preferences_notification__{champ}": True}
    )
