# SPDX-License-Identifier: EUPL-1.2
"""Periodic task of the accounts (registered in django-celery-beat by migration)."""

from celery import shared_task

from accounts.rgpd import appliquer_durees_de_conservation


@shared_task
def appliquer_conservation() -> dict[str, int]:
    """Minimise personal data past their retention periods; idempotent."""
    return appliquer_durees_de_conservation()
