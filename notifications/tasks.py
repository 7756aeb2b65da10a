# SPDX-License-Identifier: EUPL-1.2
"""Celery tasks: thin wrappers that take ids and call the outbox and the reminder registry.

The periodic ones are stored in django-celery-beat (data migration
``0003_taches_periodiques``) and editable by staff in the admin.
"""

from celery import shared_task

from notifications import outbox, rappels


@shared_task(ignore_result=True)
def envoyer_message(message_id: int) -> None:
    """Send one message right after the transaction that wrote it committed."""
    outbox.envoyer(message_id)


@shared_task(ignore_result=True)
def balayer_boite_d_envoi(limite: int = 500) -> int:
    """Send what was left pending (broker or SMTP down) once its next try is due."""
    return outbox.balayer(limite=limite)


@shared_task(ignore_result=True)
def planifier_rappels() -> int:
    """Write the due reminders in the outbox (idempotent: run it as often as you like)."""
    return rappels.planifier_rappels()
