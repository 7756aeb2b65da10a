# SPDX-License-Identifier: EUPL-1.2
"""Writing messages to the outbox and sending them.

:func:`notifier` is the one way to tell someone something: it renders the templates and
writes a :class:`~notifications.models.Message` row in the caller's transaction, then queues
its sending after commit. Nothing here ever raises into the user's request: a missing
template, an address-less recipient or a broker outage is recorded on the row.

Templates (put YOUR app's in ``<app>/templates/notifications/emails/``):

- ``<gabarit>.sujet.txt``: one line, the subject (rendered without HTML escaping);
- ``<gabarit>.txt``: ``{% extends "notifications/emails/base.txt" %}{% block corps %}…{% endblock %}``,
  plain text (no HTML escaping); the base adds the greeting and the programme's footer;
- ``<gabarit>.html`` (optional): ``{% extends "notifications/emails/base.html" %}{% block corps %}
  <p>…</p>{% endblock %}``, autoescaped so that user content is escaped; without it the HTML
  version is the text body in the HTML frame (same footer).

The context holds the caller's ``contexte`` plus ``destinataire``, ``SERVICE_INSTRUCTEUR`` and
``SITE_URL`` (write links as ``{{ SITE_URL }}{% url '…' … %}``). Deadlines are written with
``{% load portail %}{{ parcours.date_limite|echeance }}``.

Sending: :func:`envoyer` locks the row (``select_for_update(skip_locked=True)``) so two
workers never send the same message; an SMTP failure increases ``essais``, records the error
and pushes ``prochain_essai_le`` back (:data:`DELAIS_ESSAIS`); after :data:`ESSAIS_MAX`
failures, or when the server refuses the address for good (5xx), the message is failed.
:func:`balayer` (periodic task ``balayer_boite_d_envoi``) sends what is due.
"""

import logging
import smtplib
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template import Context, TemplateDoesNotExist, loader
from django.utils import timezone

from notifications import preferences
from notifications.models import Message

logger = logging.getLogger(__name__)

# Wait before the next try, after the 1st, 2nd… failure; the last failure is final.
DELAIS_ESSAIS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=4),
]
ESSAIS_MAX = len(DELAIS_ESSAIS) + 1

# Messages carrying a personal single-use link: the staff's view of the outbox does not show
# their body, or any agent could open someone else's account (``Message.confidentiel``).
GABARITS_CONFIDENTIELS: tuple[str, ...] = Message.GABARITS_CONFIDENTIELS


def cle_rappel(gabarit: str, objet: models.Model | None, destinataire, echeance=None) -> str:
    """The natural key of a reminder: kind, object, recipient and due date.

    Two runs of the scheduler (late, twice, on two workers) compute the same key, and the
    unique constraint on ``Message.cle`` keeps only the first.
    """
    cible = f"{objet._meta.label_lower}:{objet.pk}" if objet is not None else "-"
    if isinstance(echeance, datetime):
        echeance = timezone.localtime(echeance).isoformat(timespec="minutes")
    elif isinstance(echeance, date):
        echeance = echeance.isoformat()
    qui = getattr(destinataire, "pk", destinataire) or "-"
    return f"{gabarit}|{cible}|{qui}|{echeance or '-'}"[:255]


def _rendre(nom: str, contexte: dict, *, autoescape: bool) -> str:
    gabarit = loader.get_template(nom)
    return gabarit.template.render(Context(contexte, autoescape=autoescape))


def preparer(
    *,
    destinataire=None,
    adresse: str = "",
    gabarit: str,
    objet: models.Model | None = None,
    contexte: dict | None = None,
    cle: str | None = None,
    prevu_le=None,
    obligatoire: bool = True,
) -> Message:
    """Render the templates into an unsaved message; a rendering problem makes it a failed one."""
    adresse = adresse or (getattr(destinataire, "email", "") if destinataire is not None else "")
    prevu_le = prevu_le or timezone.now()
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
        prevu_le=prevu_le,
        prochain_essai_le=prevu_le,
        obligatoire=obligatoire or preferences.est_obligatoire(gabarit),
    )
    base = f"notifications/emails/{gabarit}"
    try:
        sujet = _rendre(f"{base}.sujet.txt", contexte, autoescape=False)
        message.sujet = " ".join(sujet.split())[:255]  # one line: no header injection
        message.corps_texte = _rendre(f"{base}.txt", contexte, autoescape=False).strip() + "\n"
        contexte["sujet"] = message.sujet
        try:
            message.corps_html = _rendre(f"{base}.html", contexte, autoescape=True)
        except TemplateDoesNotExist:
            corps = _rendre(f"{base}.txt", {**contexte, "corps_seul": True}, autoescape=False)
            message.corps_html = _rendre(
                "notifications/emails/base.html",
                {**contexte, "corps_texte": corps.strip()},
                autoescape=True,
            )
    except TemplateDoesNotExist as erreur:
        _echec(message, f"Gabarit introuvable : {erreur}")
        message.sujet = message.sujet or f"[gabarit inconnu : {gabarit}]"
    except Exception as erreur:  # noqa: BLE001 - a broken template must not break the request
        logger.exception("Gabarit %s impossible à rendre", gabarit)
        _echec(message, f"Gabarit impossible à rendre : {erreur.__class__.__name__}: {erreur}")
        message.sujet = message.sujet or f"[gabarit en erreur : {gabarit}]"
    if not message.adresse and message.etat != Message.Etat.ECHEC:
        _echec(message, "Destinataire sans adresse électronique.")
    return message


def _echec(message: Message, raison: str) -> None:
    message.etat = Message.Etat.ECHEC
    message.erreur = raison[:2000]


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

    Returns ``None`` when nothing is written: the ``cle`` was already used (idempotent), or
    the message is optional and the recipient did not opt in. Legal notices (see
    :mod:`notifications.preferences`) are mandatory whatever ``obligatoire`` says. A missing
    template or address is recorded as a failed message, never raised to the user.
    """
    if not preferences.accepte(destinataire, gabarit):
        return None
    if cle is not None and Message.objects.filter(cle=cle).exists():
        return None
    message = preparer(
        destinataire=destinataire,
        adresse=adresse,
        gabarit=gabarit,
        objet=objet,
        contexte=contexte,
        cle=cle,
        prevu_le=prevu_le,
        obligatoire=obligatoire,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if cle is not None and Message.objects.filter(cle=cle).exists():
            return None  # Written meanwhile by another worker: idempotent.
        raise
    if message.etat == Message.Etat.EN_ATTENTE and message.prochain_essai_le <= timezone.now():
        transaction.on_commit(lambda: _planifier(message.pk))
    return message


def _planifier(message_id: int) -> None:
    """Queue the sending; if the broker is down the row stays pending for the sweep."""
    from notifications.tasks import envoyer_message

    try:
        envoyer_message.delay(message_id)
    except Exception:  # noqa: BLE001 - the row stays pending, the sweep retries
        logger.warning("Broker indisponible : message %s laissé en attente", message_id)


def _refus_definitif(erreur: Exception) -> bool:
    """A 5xx answer (address or content refused) will not change by retrying."""
    if isinstance(erreur, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in erreur.recipients.values())
    if isinstance(erreur, smtplib.SMTPResponseException):
        return erreur.smtp_code >= 500
    return False


def _courriel(message: Message) -> EmailMultiAlternatives:
    courriel = EmailMultiAlternatives(
        subject=message.sujet,
        body=message.corps_texte,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.adresse],
        headers={"Auto-Submitted": "auto-generated"},
    )
    if message.corps_html:
        courriel.attach_alternative(message.corps_html, "text/html")
    return courriel


ENVOYE, ECHEC, REESSAI, IGNORE = "envoye", "echec", "reessai", "ignore"
# A sweep stops after this many transient failures in a row: the server is down, the
# remaining messages wait for the next sweep instead of each waiting for a time-out.
PANNES_AVANT_ARRET = 3


def envoyer(message_id: int, maintenant=None) -> bool:
    """Send one due pending message by SMTP; True when sent. Failures are recorded on the row."""
    return _envoyer(message_id, maintenant or timezone.now()) == ENVOYE


def _envoyer(message_id: int, maintenant) -> str:
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .a_envoyer(maintenant)
            .first()
        )
        if message is None:
            return IGNORE  # Sent, failed, not due yet, or being sent by another worker.
        if not message.adresse:
            _echec(message, "Destinataire sans adresse électronique.")
            message.save(update_fields=["etat", "erreur"])
            return ECHEC
        # Consent is checked again when sending: an optional message written before its
        # recipient unsubscribed, or waiting for a retry since, is not sent after it.
        if not message.obligatoire and not preferences.accepte(
            message.destinataire_id, message.gabarit
        ):
            _echec(message, "Non envoyé : le destinataire s'est désabonné de ces messages.")
            message.save(update_fields=["etat", "erreur"])
            return ECHEC
        message.essais += 1
        try:
            _courriel(message).send()
        except Exception as erreur:  # noqa: BLE001 - recorded, retried after a back-off
            message.erreur = f"{erreur.__class__.__name__}: {erreur}"[:2000]
            if _refus_definitif(erreur) or message.essais >= ESSAIS_MAX:
                message.etat = Message.Etat.ECHEC
            else:
                message.prochain_essai_le = maintenant + DELAIS_ESSAIS[message.essais - 1]
            message.save(update_fields=["essais", "erreur", "etat", "prochain_essai_le"])
            logger.warning("Envoi du message %s en échec : %s", message.pk, message.erreur)
            return ECHEC if message.etat == Message.Etat.ECHEC else REESSAI
        message.etat = Message.Etat.ENVOYE
        message.envoye_le = timezone.now()
        message.erreur = ""
        message.save(update_fields=["essais", "erreur", "etat", "envoye_le"])
        return ENVOYE


def balayer(*, maintenant=None, limite: int = 500) -> int:
    """Send the pending messages that are due, oldest first; returns how many were sent."""
    maintenant = maintenant or timezone.now()
    ids = list(
        Message.objects.a_envoyer(maintenant)
        .order_by("prochain_essai_le", "pk")
        .values_list("pk", flat=True)[:limite]
    )
    envoyes = pannes = 0
    for message_id in ids:
        resultat = _envoyer(message_id, maintenant)
        envoyes += resultat == ENVOYE
        pannes = pannes + 1 if resultat == REESSAI else 0
        if pannes >= PANNES_AVANT_ARRET:
            logger.warning("Serveur de courriel indisponible : balayage interrompu")
            break
    return envoyes


@transaction.atomic
def renvoyer(*, message: Message, par) -> bool:
    """Put a failed message back in the queue (staff action), with its audit entry.

    The address is taken again from the account, in case the recipient corrected it.
    """
    from audit.journal import enregistrer
    from audit.models import Evenement

    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.etat != Message.Etat.ECHEC:
        return False
    if message.destinataire is not None and message.destinataire.email:
        message.adresse = message.destinataire.email
    message.etat = Message.Etat.EN_ATTENTE
    message.essais = 0
    message.prochain_essai_le = timezone.now()
    message.save(update_fields=["adresse", "etat", "essais", "prochain_essai_le"])
    enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=par,
        objet=message,
        etat_avant=Message.Etat.ECHEC,
        etat_apres=Message.Etat.EN_ATTENTE,
        commentaire=f"Renvoi du message en échec ({message.erreur})",
    )
    transaction.on_commit(lambda: _planifier(message.pk))
    return True
