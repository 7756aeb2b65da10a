# SPDX-License-Identifier: EUPL-1.2
"""The production run: gunicorn configuration, process files, object storage settings."""

import configparser
import json
import logging
import os
import re
import runpy
import subprocess
import sys
import types
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
ENV_PRODUCTION = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "appropriation.settings",
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "une-cle-de-production-longue-et-aleatoire-0987654321",
    "ALLOWED_HOSTS": "appropriation.metropolegrandparis.fr",
    "DATABASE_URL": "sqlite:////tmp/appropriation-check-deploy-s3.sqlite3",
    "SITE_URL": "https://appropriation.metropolegrandparis.fr",
    "STATIC_ROOT": "/tmp/appropriation-check-deploy-static",
    "MEDIA_ROOT": "/tmp/appropriation-check-deploy-media",
}


def charger_gunicorn(**env: str) -> dict:
    ancien = os.environ.copy()
    os.environ.update(env)
    try:
        return runpy.run_path(str(RACINE / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(ancien)


def test_gunicorn_takes_workers_bind_and_timeouts_from_the_environment():
    conf = charger_gunicorn(
        WEB_CONCURRENCY="3", GUNICORN_BIND="0.0.0.0:9001", GUNICORN_TIMEOUT="45"
    )
    assert conf["workers"] == 3
    assert conf["bind"] == "0.0.0.0:9001"
    assert conf["timeout"] == 45
    assert conf["max_requests"] > 0 and conf["max_requests_jitter"] > 0
    assert conf["wsgi_app"] == "appropriation.wsgi:application"


def test_gunicorn_recycles_a_worker_rarely_unless_told_otherwise():
    """A recycled worker re-imports the app (~1 s of CPU): every 10,000 requests, not 1,000."""
    conf = charger_gunicorn()
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (10000, 1000)
    conf = charger_gunicorn(GUNICORN_MAX_REQUESTS="500", GUNICORN_MAX_REQUESTS_JITTER="50")
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (500, 50)


def test_gunicorn_control_socket_lives_under_the_run_directory_one_per_instance(tmp_path):
    """Two instances on one machine (bench, blue-green) no longer take each other's socket."""
    premier = charger_gunicorn(RUNTIME_DIRECTORY=str(tmp_path), GUNICORN_BIND="127.0.0.1:8001")
    second = charger_gunicorn(RUNTIME_DIRECTORY=str(tmp_path), GUNICORN_BIND="127.0.0.1:8002")
    assert premier["control_socket"] == str(tmp_path / "gunicorn-127.0.0.1-8001.ctl")
    assert second["control_socket"] == str(tmp_path / "gunicorn-127.0.0.1-8002.ctl")
    sans_systemd = charger_gunicorn(
        RUNTIME_DIRECTORY="", GUNICORN_BIND="unix:/run/appropriation/web.sock"
    )
    assert sans_systemd["control_socket"] == str(
        RACINE / "var" / "run" / "gunicorn-unix-run-appropriation-web.sock.ctl"
    )
    web = configparser.ConfigParser(strict=False, interpolation=None)
    web.read(RACINE / "deploy" / "systemd" / "appropriation-web.service")
    assert web["Service"]["RuntimeDirectory"] == "appropriation-web"


def test_gunicorn_access_log_is_one_json_object_with_the_request_id(caplog):
    from gunicorn.config import Config

    conf = charger_gunicorn()
    config = Config()
    config.set("accesslog", "-")
    journal = conf["JournalAccesJson"](config)
    journal.access_log.propagate = True
    reponse = types.SimpleNamespace(
        status="201 Created", sent=42, headers=[("X-Request-ID", "abc123def456")]
    )
    requete = types.SimpleNamespace(headers=[("USER-AGENT", 'Navigateur "guillemets"')])
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/candidatures/1/deposer",
        "PATH_INFO": "/candidatures/1/deposer",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.5",
        "QUERY_STRING": "",
        "HTTP_USER_AGENT": 'Navigateur "guillemets"',
    }
    import datetime as dt

    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        journal.access(reponse, requete, environ, dt.timedelta(milliseconds=125))
    ligne = json.loads(caplog.records[-1].getMessage())
    assert ligne["request_id"] == "abc123def456"
    assert ligne["status"] == 201
    assert ligne["method"] == "POST"
    assert ligne["path"] == "/candidatures/1/deposer"
    assert ligne["duration_ms"] == 125
    assert ligne["user_agent"] == 'Navigateur "guillemets"'
    assert ligne["remote_addr"] == ligne["client_addr"] == "10.0.0.5"


def test_gunicorn_access_log_names_the_client_behind_the_trusted_proxy(caplog, settings):
    import datetime as dt

    from gunicorn.config import Config

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    conf = charger_gunicorn()
    config = Config()
    config.set("accesslog", "-")
    journal = conf["JournalAccesJson"](config)
    journal.access_log.propagate = True
    reponse = types.SimpleNamespace(status="200 OK", sent=1, headers=[])
    requete = types.SimpleNamespace(headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/",
        "PATH_INFO": "/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.66",
        "QUERY_STRING": "",
    }
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        journal.access(reponse, requete, environ, dt.timedelta(milliseconds=5))
    ligne = json.loads(caplog.records[-1].getMessage())
    assert (ligne["remote_addr"], ligne["client_addr"]) == ("127.0.0.1", "198.51.100.66")


def test_the_procfile_declares_web_worker_beat_and_migrations_before_code():
    types_de_processus = {}
    for ligne in (RACINE / "Procfile").read_text(encoding="utf-8").splitlines():
        if correspondance := re.match(r"^([a-z]+):\s*(.+)$", ligne):
            types_de_processus[correspondance[1]] = correspondance[2]
    assert set(types_de_processus) == {"release", "web", "worker", "beat"}
    assert "migrate" in types_de_processus["release"]
    assert "gunicorn -c gunicorn.conf.py" in types_de_processus["web"]
    assert "celery -A appropriation worker" in types_de_processus["worker"]
    assert "celery -A appropriation beat" in types_de_processus["beat"]


def test_systemd_units_read_one_environment_file_and_start_after_the_services():
    for nom in ("web", "worker", "beat"):
        unite = configparser.ConfigParser(strict=False, interpolation=None)
        unite.read(RACINE / "deploy" / "systemd" / f"appropriation-{nom}.service")
        assert unite["Service"]["EnvironmentFile"] == "/etc/appropriation/appropriation.env"
        assert "postgresql.service" in unite["Unit"]["After"]
        assert "redis-server.service" in unite["Unit"]["After"]
        assert unite["Service"]["Restart"] == "on-failure"
        assert unite["Service"]["User"] == "appropriation"


def test_the_example_environment_file_names_every_production_variable():
    exemple = (RACINE / "deploy" / "appropriation.env.exemple").read_text(encoding="utf-8")
    for variable in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_URL",
        "MEDIA_ROOT",
        "LOG_FORMAT='json'",
        "S3_BUCKET",
        "S3_ENDPOINT_URL",
        "TRUSTED_PROXIES",
    ):
        assert variable in exemple, variable


def lire_reglage(code: str, **env: str) -> str:
    resultat = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings; " + code,
        ],
        cwd=RACINE,
        env={**ENV_PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stderr
    return resultat.stdout


def test_uploads_stay_on_the_local_disk_without_s3_bucket():
    sortie = lire_reglage("print(settings.STORAGES['default']['BACKEND'])")
    assert sortie.strip() == "django.core.files.storage.FileSystemStorage"


def test_s3_bucket_switches_uploads_to_private_object_storage():
    sortie = lire_reglage(
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(json.dumps([type(s).__module__ + '.' + type(s).__name__, s.bucket_name, "
        "s.endpoint_url, s.region_name, s.default_acl, s.file_overwrite]))",
        S3_BUCKET="appropriation-pieces",
        S3_ENDPOINT_URL="https://s3.fr-par.fournisseur.example",
        S3_REGION="fr-par",
        S3_ACCESS_KEY_ID="cle",
        S3_SECRET_ACCESS_KEY="secret",
    )
    assert json.loads(sortie) == [
        "storages.backends.s3.S3Storage",
        "appropriation-pieces",
        "https://s3.fr-par.fournisseur.example",
        "fr-par",
        "private",
        False,
    ]


def test_check_deploy_stays_clean_with_object_storage():
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RACINE,
        env={**ENV_PRODUCTION, "S3_BUCKET": "appropriation-pieces", "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_the_worker_yields_the_cpu_to_the_web_processes():
    """On one machine, submissions on a deadline day come before the receipts' PDF."""
    unites = {}
    for nom in ("web", "worker"):
        unites[nom] = configparser.ConfigParser(strict=False, interpolation=None)
        unites[nom].read(RACINE / "deploy" / "systemd" / f"appropriation-{nom}.service")

    assert int(unites["worker"]["Service"]["Nice"]) > int(unites["web"]["Service"].get("Nice", 0))


@pytest.mark.parametrize(
    "variable, valeur", [("STATIC_ROOT", None), ("MEDIA_ROOT", ""), ("STATIC_ROOT", "var/relatif")]
)
def test_production_refuses_to_start_without_static_and_media_folders(variable, valeur):
    """A default under the read-only code, or an empty value, gave a 500 on every page."""
    env = {**ENV_PRODUCTION}
    if valeur is None:
        del env[variable]
    else:
        env[variable] = valeur
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode != 0
    assert f"La variable d'environnement {variable} est obligatoire en production" in (
        resultat.stderr
    )
