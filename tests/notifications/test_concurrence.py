# SPDX-License-Identifier: EUPL-1.2
"""Two workers at once, on the real PostgreSQL (row locks; SQLite has none)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from notifications import outbox
from notifications.models import Message
from notifications.rappels import planifier_rappels
from tests.factories import AdhesionFactory, territoire

pytestmark = pytest.mark.django_db(transaction=True)


def en_parallele(fonction, fois: int = 2) -> list:
    """Run ``fonction`` in ``fois`` threads released together, each with its own connection."""
    depart = threading.Barrier(fois)
    resultats = []

    def executer():
        depart.wait()
        try:
            resultats.append(fonction())
        finally:
            connection.close()

    fils = [threading.Thread(target=executer) for _ in range(fois)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join(30)
    return resultats


def test_two_workers_sending_the_same_message_send_it_once(
    postgres, serveur_smtp, representant_vincennes
):
    demande = AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    plus_tard = timezone.now() + timedelta(hours=1)
    message = outbox.notifier(
        destinataire=representant_vincennes,
        gabarit="adhesion_a_valider",
        objet=demande,
        contexte={"adhesion": demande},
        prevu_le=plus_tard,
    )
    resultats = en_parallele(lambda: outbox.envoyer(message.pk, maintenant=plus_tard), 4)
    assert sorted(resultats) == [False, False, False, True]
    assert len(serveur_smtp.recus) == 1


def test_two_schedulers_at_once_write_each_reminder_once(
    postgres, serveur_smtp, representant_vincennes, agent_metropole
):
    AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    resultats = en_parallele(planifier_rappels, 3)
    assert sum(resultats) == 2
    assert Message.objects.count() == 2
    assert len(serveur_smtp.recus) == 2
