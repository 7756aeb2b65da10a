# SPDX-License-Identifier: EUPL-1.2
"""Tasks of the accounts: the periodic retention (registered by migration), reset links."""

from celery import shared_task

from accounts import reinitialisation
from accounts.rgpd import appliquer_durees_de_conservation


@shared_task
def appliquer_conservation() -> dict[str, int]:
    """Minimise personal data past their retention periods; idempotent."""
    return appliquer_durees_de_conservation()


@shared_task
def envoyer_reinitialisation(email: str) -> int:
    """Write the reset link of ``email``'s account to the outbox, if there is one."""
    return reinitialisation.ecrire_liens(email=email)
