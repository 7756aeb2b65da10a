# SPDX-License-Identifier: EUPL-1.2
"""A real Celery worker on the real Redis, and a real SMTP server on loopback.

Run locally with ``REDIS_URL=redis://127.0.0.1:6379/13``; skipped without it, failing in CI.
"""

import time

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import Adhesion
from notifications import outbox, tasks
from notifications.models import Message
from tests.conftest import brancher_broker
from tests.factories import AdhesionFactory, connecter, territoire
from tests.notifications.conftest import port_libre

pytestmark = pytest.mark.celery_worker


def attendre(condition, delai: float = 15.0) -> bool:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def envoye(message_id: int) -> bool:
    return Message.objects.get(pk=message_id).etat == Message.Etat.ENVOYE


def test_the_worker_sends_the_message_written_by_the_transaction(
    celery_worker_redis, serveur_smtp, representant_vincennes
):
    demande = AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    with transaction.atomic():
        message = outbox.notifier(
            destinataire=representant_vincennes,
            gabarit="adhesion_a_valider",
            objet=demande,
            contexte={"adhesion": demande},
        )
        assert Message.objects.get(pk=message.pk).etat == Message.Etat.EN_ATTENTE
    assert attendre(lambda: envoye(message.pk))
    [courriel] = serveur_smtp.pour("maire@vincennes.fr")
    assert courriel["Subject"].strip().startswith("Demande d'adhésion à valider")
    assert "/compte/adhesions/" in courriel.get_body(preferencelist=("plain",)).get_content()


def test_with_the_broker_down_the_request_succeeds_and_the_sweep_sends_later(
    client, celery_worker_redis, redis_url, serveur_smtp, representant_vincennes
):
    demande = AdhesionFactory(
        en_attente=True, territoire=territoire("94080"), utilisateur__email="zoe@vincennes.fr"
    )
    connecter(client, representant_vincennes)
    brancher_broker(f"redis://127.0.0.1:{port_libre()}/0")  # Redis "stopped"
    try:
        debut = time.monotonic()
        reponse = client.post(reverse("accounts:approuver_adhesion", args=[demande.pk]))
        duree = time.monotonic() - debut
    finally:
        brancher_broker(redis_url)  # Redis "back"
    assert reponse.status_code == 302
    assert duree < 10
    demande.refresh_from_db()
    assert demande.statut == Adhesion.Statut.APPROUVEE
    message = Message.objects.get(gabarit="adhesion_decidee")
    assert message.etat == Message.Etat.EN_ATTENTE
    assert serveur_smtp.recus == []

    tasks.balayer_boite_d_envoi.delay()
    assert attendre(lambda: envoye(message.pk))
    assert len(serveur_smtp.pour("zoe@vincennes.fr")) == 1


def test_the_scheduler_run_twice_by_the_worker_sends_each_reminder_once(
    celery_worker_redis, serveur_smtp, representant_vincennes, agent_metropole
):
    AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    tasks.planifier_rappels.delay()
    tasks.planifier_rappels.delay()
    assert attendre(
        lambda: (
            Message.objects.filter(etat=Message.Etat.ENVOYE).count() == 2
            and len(serveur_smtp.recus) == 2
        )
    )
    time.sleep(1)  # leave the second run time to (not) send anything more
    assert sorted(m["To"] for m in serveur_smtp.recus) == [
        "maire@vincennes.fr",
        "staff@metropolegrandparis.fr",
    ]
