# SPDX-License-Identifier: EUPL-1.2
"""What docs/notifications.md says of an SMTP server that answers 5xx on the first try.

A 5xx is final for smtplib's caller: the message fails at once, without a retry. When the
5xx is about the sender (a DEFAULT_FROM_EMAIL the account may not use), every message fails
the same way, and the sweep does not stop early (it only stops on transient failures).
"""

import pytest
from django.utils import timezone

from notifications import outbox
from notifications.models import Message
from tests.factories import AdhesionFactory, territoire

pytestmark = pytest.mark.django_db


def refuser_l_expediteur(boite, code: str) -> None:
    async def handle_MAIL(server, session, envelope, address, mail_options):
        return f"{code} 5.7.1 Expéditeur non autorisé pour ce compte"

    boite.handle_MAIL = handle_MAIL


def test_a_sender_refused_with_a_5xx_fails_every_message_at_once(
    serveur_smtp, representant_vincennes, agent_vincennes
):
    refuser_l_expediteur(serveur_smtp.boite, "553")
    demande = AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    messages = [
        outbox.notifier(
            destinataire=destinataire,
            gabarit="adhesion_a_valider",
            objet=demande,
            contexte={"adhesion": demande},
        )
        for destinataire in (representant_vincennes, agent_vincennes)
    ]
    outbox.balayer()

    for message in messages:
        message.refresh_from_db()
        assert message.etat == Message.Etat.ECHEC
        assert message.essais == 1
        assert message.erreur.startswith("SMTPSenderRefused: (553")
    assert serveur_smtp.recus == []


def test_a_4xx_is_retried_later_not_failed(serveur_smtp, representant_vincennes):
    refuser_l_expediteur(serveur_smtp.boite, "451")
    demande = AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    message = outbox.notifier(
        destinataire=representant_vincennes,
        gabarit="adhesion_a_valider",
        objet=demande,
        contexte={"adhesion": demande},
    )
    outbox.balayer()

    message.refresh_from_db()
    assert message.etat == Message.Etat.EN_ATTENTE
    assert message.essais == 1
    assert message.prochain_essai_le > timezone.now()  # DELAIS_ESSAIS[0]: a minute later
