# SPDX-License-Identifier: EUPL-1.2
"""Writing messages to the outbox and sending them."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.models import Message

logger = logging.getLogger(__name__)


def notifier(
    *,
    destinataire=None,
    adresse: str = "",
    gabarit: str,
    objet: models.Model | None = None,
    contexte: dict | None = None,
    cle: str | None = None,
    prevu_le=None,
    obligatoire: bool = True,
) -> Message | None:
    """Write one message in the caller's transaction; it is sent after commit.

    With a ``cle``, a second call for the same key does nothing and returns ``None``.
    A missing template or address is recorded as a failed message, never raised to the user.
    """
    adresse = adresse or (destinataire.email if destinataire is not None else "")
    contexte = {
        **(contexte or {}),
        "destinataire": destinataire,
        "SERVICE_INSTRUCTEUR": settings.SERVICE_INSTRUCTEUR,
        "SITE_URL": settings.SITE_URL,
    }
    message = Message(
        destinataire=destinataire,
        adresse=adresse,
        gabarit=gabarit,
        content_type=ContentType.objects.get_for_model(objet) if objet is not None else None,
        object_id=str(objet.pk) if objet is not None else "",
        cle=cle,
        prevu_le=prevu_le or timezone.now(),
        obligatoire=obligatoire,
    )
    try:
        message.sujet = render_to_string(
            f"notifications/emails/{gabarit}.sujet.txt", contexte
        ).strip()
        message.corps_texte = render_to_string(f"notifications/emails/{gabarit}.txt", contexte)
    except TemplateDoesNotExist as erreur:
        message.sujet = message.sujet or f"[gabarit inconnu : {gabarit}]"
        message.corps_texte = ""
        message.etat = Message.Etat.ECHEC
        message.erreur = f"Gabarit introuvable : {erreur}"
    if not adresse and message.etat != Message.Etat.ECHEC:
        message.etat = Message.Etat.ECHEC
        message.erreur = "Destinataire sans adresse électronique."
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if cle is not None and Message.objects.filter(cle=cle).exists():
            return None  # Already planned or sent: idempotent.
        raise
    if message.etat == Message.Etat.EN_ATTENTE:
        transaction.on_commit(lambda: _planifier(message.pk))
    return message


def _planifier(message_id: int) -> None:
    """Queue the sending; if the broker is down the periodic sweep will pick it up."""
    from notifications.tasks import envoyer_message

    try:
        envoyer_message.delay(message_id)
    except Exception:  # noqa: BLE001 - the row stays pending, the sweep retries
        logger.warning("Broker indisponible : message %s laissé en attente", message_id)


def envoyer(message_id: int) -> bool:
    """Send one pending message by SMTP; True when sent. Failures are recorded on the row."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, etat=Message.Etat.EN_ATTENTE)
            .first()
        )
        if message is None:
            return False
        message.essais += 1
        courriel = EmailMultiAlternatives(
            subject=message.sujet,
            body=message.corps_texte,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.adresse],
        )
        try:
            courriel.send()
        except Exception as erreur:  # noqa: BLE001 - recorded, retried by the sweep
            message.erreur = f"{erreur.__class__.__name__}: {erreur}"[:2000]
            if message.essais >= 5:
                message.etat = Message.Etat.ECHEC
            message.save(update_fields=["essais", "erreur", "etat"])
            return False
        message.etat = Message.Etat.ENVOYE
        message.envoye_le = timezone.now()
        message.erreur = ""
        message.save(update_fields=["essais", "erreur", "etat", "envoye_le"])
        return True
