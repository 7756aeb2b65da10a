# SPDX-License-Identifier: EUPL-1.2
"""The health endpoint /sante that the load balancer polls: database, Redis, disk."""

import collections

import pytest
from django.urls import reverse


def test_the_health_endpoint_reports_a_reachable_redis(client, settings, db, redis_url):
    settings.REDIS_URL = redis_url
    reponse = client.get(reverse("core:sante"))
    assert reponse.status_code == 200
    assert reponse.json() == {"base": "ok", "redis": "ok", "disque": "ok"}


def test_an_unreachable_redis_makes_the_instance_unhealthy(client, settings, db):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    reponse = client.get(reverse("core:sante"))
    assert reponse.status_code == 503
    assert reponse.json()["redis"].startswith("erreur")
    assert reponse.json()["base"] == "ok"


def test_a_nearly_full_disk_makes_the_instance_unhealthy(client, db, monkeypatch):
    Usage = collections.namedtuple("Usage", "total used free")
    monkeypatch.setattr(
        "core.views.shutil.disk_usage", lambda chemin: Usage(10 * 2**30, 10 * 2**30, 100 * 2**20)
    )
    reponse = client.get(reverse("core:sante"))
    assert reponse.status_code == 503
    assert reponse.json()["disque"] == "presque plein (100 Mo)"


def test_the_health_endpoint_is_never_cached_and_answers_only_get(client, db):
    assert "no-cache" in client.get(reverse("core:sante"))["Cache-Control"]
    assert client.post(reverse("core:sante")).status_code == 405


@pytest.mark.parametrize("nom", ["base", "disque"])
def test_the_health_endpoint_always_reports_database_and_disk(client, db, nom):
    assert client.get(reverse("core:sante")).json()[nom] == "ok"


@pytest.mark.parametrize("proxy", [False, True])
def test_the_health_endpoint_answers_over_plain_http_without_the_https_redirect(
    client, settings, db, proxy
):
    """The load balancer polls over HTTP; every other page still goes to HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    entetes = {"HTTP_X_FORWARDED_PROTO": "http"} if proxy else {}
    reponse = client.get(reverse("core:sante"), **entetes)
    assert reponse.status_code == 200
    assert reponse.json()["base"] == "ok"
    autre_page = client.get(reverse("core:accessibilite"), **entetes)
    assert autre_page.status_code == 301
    assert autre_page["Location"].startswith("https://")


def test_a_media_folder_that_cannot_take_a_file_makes_the_instance_unhealthy(
    client, settings, db, tmp_path
):
    """A lost mount or a wrong MEDIA_ROOT refuses every upload: 503, not a 500."""
    fichier = tmp_path / "pas-un-dossier"
    fichier.write_text("x")
    settings.MEDIA_ROOT = fichier / "media"
    reponse = client.get(reverse("core:sante"))
    assert reponse.status_code == 503
    assert reponse.json()["disque"] == "erreur: NotADirectoryError"
    assert reponse.json()["base"] == "ok"


def test_the_health_check_leaves_no_file_behind(client, settings, db, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert client.get(reverse("core:sante")).status_code == 200
    assert list((tmp_path / "media").iterdir()) == []


def test_a_database_down_answers_503_with_the_reason_not_a_500():
    """In production (ATOMIC_REQUESTS, HTTPS redirect): nothing listens on the database's port."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    resultat = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.test import Client; "
            "r = Client().get('/sante', HTTP_HOST='appropriation.metropolegrandparis.fr'); "
            "print(json.dumps([r.status_code, r.content.decode()]))",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "appropriation.settings",
            "DEBUG": "0",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "appropriation.metropolegrandparis.fr",
            "DATABASE_URL": "postgres://appropriation@127.0.0.1:1/appropriation",
            "STATIC_ROOT": "/tmp/appropriation-sante-static",
            "MEDIA_ROOT": "/tmp/appropriation-sante-media",
            "SITE_URL": "https://appropriation.metropolegrandparis.fr",
            "HEBERGEUR_NOM": "Hébergeur Exemple SAS",
            "HEBERGEUR_ADRESSE": "1 rue de l'Exemple, 75001 Paris",
            "HEBERGEUR_TELEPHONE": "01 23 45 67 89",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stderr
    statut, contenu = json.loads(resultat.stdout.strip().splitlines()[-1])
    assert statut == 503
    assert json.loads(contenu) == {"base": "erreur: OperationalError", "disque": "ok"}
