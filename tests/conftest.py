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


@pytest.fixture(autouse=True)
def _donnees_ouvertes_fraiches():
    """A fresh cache per test (public pages, admin menus, rate-limit counters): the cache
    outlives the rollback of the test's database."""
    from django.core.cache import cache

    from core import cache_public
    from core.admin_site import oublier_les_menus

    cache.clear()
    cache_public.invalider()
    oublier_les_menus()


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
def celery_worker_redis(redis_url, transactional_db):
    """A real Celery worker (in a thread) consuming the real Redis of REDIS_URL.

    Tasks queued by the code under test (``.delay()``, after commit) are run by this worker,
    against the test database (hence ``transactional_db``; the flush after it re-emits
    ``post_migrate``, which reloads the territoires and the groups). Skipped locally without Redis,
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


# Real browser: Chromium + axe-core (see tests/navigateur/axe.py) -----------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures know whether the test failed."""
    rapport = yield
    setattr(item, f"rapport_{rapport.when}", rapport)
    return rapport


@pytest.fixture
def navigateur(chromium_path, monkeypatch):
    """A headless Debian Chromium driven by Playwright (nothing downloaded, no network).

    Playwright's sync API keeps an event loop running in the test's thread, which makes
    Django refuse ORM calls ("async context"); they are still plain synchronous calls here,
    hence DJANGO_ALLOW_ASYNC_UNSAFE for the browser's lifetime only (tests may create data
    after the browser started).
    """
    from playwright.sync_api import sync_playwright

    from tests.navigateur.axe import ARGS_CHROMIUM

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=ARGS_CHROMIUM)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page_navigateur(request, navigateur):
    """A fresh page; if the test fails, a screenshot and the HTML go to test-results/."""
    from tests.navigateur.axe import capturer

    contexte = navigateur.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = contexte.new_page()
    yield page
    rapport = getattr(request.node, "rapport_call", None)
    if rapport is None or rapport.failed:
        capturer(page, request.node.nodeid)
    contexte.close()


@pytest.fixture
def verifier_axe(request, live_server, page_navigateur):
    """``verifier_axe(chemin, user=None, avant=None)``: 0 WCAG 2.1 A/AA violation or fail.

    ``user`` is logged in (second factor included, through ``connecter``); ``avant(page)`` may
    act on the page before the check (fill and submit a form to check its error state). The
    test needs ``pytest.mark.django_db(transaction=True)``.
    """
    from django.test import Client

    from tests.factories import connecter
    from tests.navigateur.axe import capturer, rapport_axe

    def verifier(chemin: str, *, user=None, avant=None):
        page = page_navigateur
        if user is not None:
            client = connecter(Client(), user)
            page.context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
        reponse = page.goto(live_server.url + chemin)
        assert reponse is not None and reponse.status < 400, (
            f"{chemin} : {reponse and reponse.status}"
        )
        if avant is not None:
            avant(page)
        assert page.locator("h1").count() == 1, f"{chemin} : un seul titre h1 attendu"
        nombre, rapport = rapport_axe(page)
        if nombre:
            capturer(page, request.node.nodeid, "-axe")
            pytest.fail(f"{nombre} violation(s) axe sur {chemin} :\n{rapport}")
        return page

    return verifier
