# SPDX-License-Identifier: EUPL-1.2
from celery import shared_task

from notifications import outbox
from notifications.models import Message


@shared_task(ignore_result=True)
def envoyer_message(message_id: int) -> None:
    outbox.envoyer(message_id)


@shared_task(ignore_result=True)
def balayer_boite_d_envoi(limite: int = 500) -> int:
    """Send what was left pending (broker or SMTP down when it was written)."""
    envoyes = 0
    for message_id in Message.objects.a_envoyer().values_list("pk", flat=True)[:limite]:
        envoyes += outbox.envoyer(message_id)
    return envoyes
