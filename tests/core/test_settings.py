# SPDX-License-Identifier: EUPL-1.2
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

RACINE = Path(__file__).resolve().parents[2]


def test_it_speaks_french_in_paris_time():
    assert settings.LANGUAGE_CODE == "fr-fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ is True


def test_check_deploy_is_clean_with_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "appropriation.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "une-cle-de-production-longue-et-aleatoire-0987654321",
        "ALLOWED_HOSTS": "appropriation.metropolegrandparis.fr",
        "DATABASE_URL": "sqlite:////tmp/appropriation-check-deploy.sqlite3",
        "SITE_URL": "https://appropriation.metropolegrandparis.fr",
        "STATIC_ROOT": "/tmp/appropriation-check-deploy-static",
        "MEDIA_ROOT": "/tmp/appropriation-check-deploy-media",
    }
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "no issues" in resultat.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "appropriation.settings",
        "DEBUG": "0",
    }
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode != 0
    assert "SECRET_KEY" in resultat.stderr


def test_ci_runs_against_postgresql_and_redis():
    if os.environ.get("CI", "").lower() != "true":
        return
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert os.environ.get("REDIS_URL")


def _reglage(expression: str, **env_en_plus) -> str:
    """``expression`` printed by a fresh process with the production settings and this env."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "appropriation.settings",
        "DEBUG": "1",
        **env_en_plus,
    }
    resultat = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stderr
    return resultat.stdout.strip()


def test_an_empty_database_url_means_the_local_sqlite_file():
    """`make demo` exports DATABASE_URL empty: the demo must still find its database."""
    base = _reglage(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        DATABASE_URL="",
    )
    assert base.split() == ["django.db.backends.sqlite3", str(RACINE / "var" / "db.sqlite3")]


def _options_postgresql(**env_en_plus) -> str:
    return _reglage(
        "sorted(settings.DATABASES['default'].get('OPTIONS', {}).items())",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/nimporte",
        **env_en_plus,
    )


def test_postgresql_prepares_repeated_queries_unless_turned_off():
    """On by default; DB_PREPARED_STATEMENTS=0 behind a PgBouncer in transaction mode."""
    assert _options_postgresql(DB_RANDOM_PAGE_COST="") == (
        "[('prepare_threshold', 5), ('server_side_binding', True)]"
    )
    assert _options_postgresql(DB_PREPARED_STATEMENTS="0", DB_RANDOM_PAGE_COST="") == "[]"


def test_postgresql_plans_for_ssd_unless_told_otherwise():
    """Random reads cost 1.1 by default (SSD); DB_RANDOM_PAGE_COST sets it, empty leaves it."""
    assert "('options', '-c random_page_cost=1.1')" in _options_postgresql()
    assert "('options', '-c random_page_cost=2.0')" in _options_postgresql(DB_RANDOM_PAGE_COST="2")
    assert "options" not in _options_postgresql(DB_RANDOM_PAGE_COST="")


@pytest.mark.django_db
def test_the_connection_carries_the_ssd_planner_cost(postgres):
    from django.db import connection

    with connection.cursor() as curseur:
        curseur.execute("SHOW random_page_cost")
        assert curseur.fetchone()[0] == "1.1"


@pytest.mark.django_db
def test_a_query_repeated_on_a_connection_is_prepared_by_postgresql(postgres):
    from django.db import connection

    from territoires.models import Territoire

    for _ in range(6):
        list(Territoire.objects.filter(code="94080").values_list("nom", flat=True))
    with connection.cursor() as curseur:
        curseur.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%territoires_territoire%"],
        )
        assert curseur.fetchone()[0] >= 1
