# SPDX-License-Identifier: EUPL-1.2
"""Personas and real services.

Locally, a test needing an absent service (PostgreSQL, Redis, Chromium) is skipped with its
reason; under ``CI=true`` it fails instead.
"""

import os
import shutil

import pytest
from django.conf import settings

from tests.factories import AdhesionFactory, UserFactory, agent_de, territoire

EN_CI = os.environ.get("CI", "").lower() == "true"


def service_absent(raison: str):
    if EN_CI:
        pytest.fail(f"Service requis absent en CI : {raison}")
    pytest.skip(raison)


@pytest.fixture
def redis_url():
    """The real Redis of REDIS_URL, flushed before and after the test."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_absent("REDIS_URL n'est pas défini")
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        service_absent(f"Redis injoignable à {url}")
    client.flushdb()
    yield url
    client.flushdb()


@pytest.fixture
def chromium_path():
    chemin = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
    if not chemin:
        service_absent("Chromium (paquet Debian chromium) n'est pas installé")
    return chemin


@pytest.fixture
def postgres():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        service_absent("DATABASE_URL ne désigne pas PostgreSQL")


# Personas ------------------------------------------------------------------------------


@pytest.fixture
def agent_vincennes(db):
    return agent_de(
        "94080", utilisateur__email="agent@vincennes.fr", utilisateur__nom_complet="Claire Martin"
    )


@pytest.fixture
def agent_montreuil(db):
    return agent_de(
        "93048", utilisateur__email="agent@montreuil.fr", utilisateur__nom_complet="Karim Benali"
    )


@pytest.fixture
def agent_en_attente(db):
    return AdhesionFactory(en_attente=True, territoire=territoire("94080")).utilisateur


@pytest.fixture
def representant_vincennes(db):
    return AdhesionFactory(
        representant_legal=True,
        territoire=territoire("94080"),
        utilisateur__email="maire@vincennes.fr",
        utilisateur__nom_complet="Maire de Vincennes",
    ).utilisateur


@pytest.fixture
def agent_metropole(db):
    return UserFactory(
        agent_metropole=True, email="staff@metropolegrandparis.fr", nom_complet="Agent Métropole"
    )


@pytest.fixture
def membre_comite(db):
    return UserFactory(membre_comite=True, email="membre@comite.fr", nom_complet="Membre du comité")


@pytest.fixture
def president_comite(db):
    return UserFactory(
        president_comite=True, email="president@comite.fr", nom_complet="Président du comité"
    )


@pytest.fixture
def expert(db):
    return UserFactory(expert=True, email="expert@exemple.fr", nom_complet="Experte IA")


@pytest.fixture
def anonyme():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# Real Celery worker on the real Redis ----------------------------------------------------


def brancher_broker(url: str) -> None:
    """Point the project's Celery app at ``url`` (tasks really queued, not eager)."""
    from kombu import pools

    from appropriation.celery import app

    app.conf.update(broker_url=url, task_always_eager=False)
    pools.reset()  # drop producers and connections opened on the previous broker
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker_redis(redis_url, transactional_db, django_db_serialized_rollback):
    """A real Celery worker (in a thread) consuming the real Redis of REDIS_URL.

    Tasks queued by the code under test (``.delay()``, after commit) are run by this worker,
    against the test database (hence ``transactional_db``; the serialized rollback gives the
    next tests back the territoires loaded by migration). Skipped locally without Redis,
    fails under ``CI=true``.
    """
    from celery.contrib.testing.worker import start_worker

    from appropriation.celery import app

    avant = {cle: app.conf[cle] for cle in ("broker_url", "task_always_eager")}
    brancher_broker(redis_url)
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=30) as worker:
            yield worker
    finally:
        brancher_broker(avant["broker_url"])
        app.conf.task_always_eager = avant["task_always_eager"]
