# SPDX-License-Identifier: EUPL-1.2
"""Structured logs (LOG_FORMAT=json): one JSON object a line, tied to the request by its id."""

import io
import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.logging import JsonFormatter, RequestIdFilter, request_id_var
from core.middleware import RequestIdMiddleware


@pytest.fixture
def journal_json():
    """A logger writing through the project's JSON formatter and request id filter."""
    flux = io.StringIO()
    gestionnaire = logging.StreamHandler(flux)
    gestionnaire.setFormatter(JsonFormatter())
    gestionnaire.addFilter(RequestIdFilter())
    journal = logging.getLogger("tests.ops.journal")
    journal.addHandler(gestionnaire)
    journal.setLevel(logging.INFO)
    journal.propagate = False
    yield journal, flux
    journal.removeHandler(gestionnaire)


def lignes(flux: io.StringIO) -> list[dict]:
    return [json.loads(ligne) for ligne in flux.getvalue().splitlines()]


def test_a_log_line_is_one_json_object_with_the_request_id(journal_json):
    journal, flux = journal_json
    jeton = request_id_var.set("a1b2c3d4e5f6")
    try:
        journal.warning("Dépôt refusé : date limite dépassée (%s)", "Vincennes")
    finally:
        request_id_var.reset(jeton)
    [ligne] = lignes(flux)
    assert ligne["request_id"] == "a1b2c3d4e5f6"
    assert ligne["level"] == "WARNING"
    assert ligne["logger"] == "tests.ops.journal"
    assert ligne["message"] == "Dépôt refusé : date limite dépassée (Vincennes)"
    assert ligne["time"].endswith("+00:00")


def test_outside_a_request_the_request_id_is_a_dash(journal_json):
    journal, flux = journal_json
    journal.info("tâche périodique")
    assert lignes(flux)[0]["request_id"] == "-"


def test_an_exception_is_kept_inside_the_json_line(journal_json):
    journal, flux = journal_json
    try:
        raise ValueError("SMTP indisponible")
    except ValueError:
        journal.exception("Envoi impossible")
    [ligne] = lignes(flux)
    assert "ValueError: SMTP indisponible" in ligne["exception"]


def test_the_middleware_logs_and_answers_with_the_same_request_id(journal_json):
    journal, flux = journal_json

    def vue(request):
        journal.info("dans la vue")
        return HttpResponse("ok")

    reponse = RequestIdMiddleware(vue)(RequestFactory().get("/"))
    assert lignes(flux)[0]["request_id"] == reponse["X-Request-ID"]
    assert len(reponse["X-Request-ID"]) == 32


def test_an_incoming_request_id_from_the_proxy_is_kept_and_a_bad_one_replaced():
    middleware = RequestIdMiddleware(lambda request: HttpResponse("ok"))
    propre = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID="proxy0123456789"))
    assert propre["X-Request-ID"] == "proxy0123456789"
    injecte = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID='x"}\n{"level":"ERROR'))
    assert injecte["X-Request-ID"] != 'x"}\n{"level":"ERROR'
    assert injecte["X-Request-ID"].isalnum()


def test_the_production_settings_switch_the_console_to_json(monkeypatch):
    import subprocess
    import sys
    from pathlib import Path

    resultat = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, logging; django.setup(); "
            "logging.getLogger('appropriation.test').warning('prêt')",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "appropriation.settings",
            "TESTING": "1",
            "LOG_FORMAT": "json",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stderr
    ligne = json.loads(resultat.stderr.strip().splitlines()[-1])
    assert ligne == {**ligne, "message": "prêt", "level": "WARNING", "request_id": "-"}


def premiere_ligne_avec(commande: list[str], marque: str, tmp_path) -> str:
    """Start a Celery process with the production log format; its first log line with ``marque``."""
    import os
    import subprocess
    import time
    from pathlib import Path

    sortie = tmp_path / "journal.err"
    with open(sortie, "wb") as flux:
        processus = subprocess.Popen(
            commande,
            cwd=Path(__file__).resolve().parents[2],
            env={
                "PATH": os.environ["PATH"],
                "DJANGO_SETTINGS_MODULE": "appropriation.settings",
                "TESTING": "1",  # no REDIS_URL: the in-memory broker, nothing to reach
                "LOG_FORMAT": "json",
            },
            stdout=subprocess.DEVNULL,
            stderr=flux,
        )
        try:
            limite = time.monotonic() + 90
            while time.monotonic() < limite and processus.poll() is None:
                for ligne in sortie.read_text("utf-8", errors="replace").splitlines():
                    if marque in ligne:
                        return ligne
                time.sleep(0.3)
        finally:
            processus.terminate()
            processus.wait(timeout=30)
    raise AssertionError(f"« {marque} » absent : {sortie.read_text('utf-8', errors='replace')}")


def test_the_celery_worker_logs_one_json_object_a_line(tmp_path):
    import sys

    ligne = premiere_ligne_avec(
        [sys.executable, "-m", "celery", "-A", "appropriation", "worker", "--pool=solo",
         "--loglevel=INFO", "--hostname=journaux@test"],
        "journaux@test ready.",
        tmp_path,
    )  # fmt: skip
    assert json.loads(ligne) == {
        **json.loads(ligne),
        "level": "INFO",
        "message": "journaux@test ready.",
        "request_id": "-",
    }


def test_celery_beat_logs_one_json_object_a_line(tmp_path):
    import sys

    ligne = premiere_ligne_avec(
        [sys.executable, "-m", "celery", "-A", "appropriation", "beat", "--loglevel=INFO",
         "--scheduler=celery.beat:PersistentScheduler", f"--schedule={tmp_path / 'beat'}",
         "--pidfile="],
        "beat: Starting",
        tmp_path,
    )  # fmt: skip
    assert json.loads(ligne)["logger"] == "celery.beat"


def test_weasyprint_rendering_steps_stay_out_of_the_logs(caplog):
    """One INFO line per rendering step and font subset drowned the worker's log."""
    import weasyprint

    with caplog.at_level(logging.DEBUG):
        weasyprint.HTML(string="<p>Accusé de réception</p>").write_pdf()
    bruit = [r.name for r in caplog.records if r.name.startswith(("weasyprint", "fontTools"))]
    assert bruit == []
    assert logging.getLogger("weasyprint.progress").getEffectiveLevel() == logging.WARNING
