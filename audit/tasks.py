# SPDX-License-Identifier: EUPL-1.2
"""Periodic task of the journal (registered in django-celery-beat by migration)."""

from celery import shared_task

from audit.empreintes import calculer_empreintes


@shared_task
def publier_empreintes_journalieres() -> int:
    """Record the digests of the finished days; idempotent, returns how many were added."""
    return len(calculer_empreintes())
