# SPDX-License-Identifier: EUPL-1.2
"""Backup and restore on the real PostgreSQL: what was saved comes back, in a NEW database.

Skipped locally without PostgreSQL, fails under ``CI=true`` (fixture ``postgres``). Locally:
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a base of yours> pytest tests/ops``.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from audit.journal import enregistrer
from tests.conftest import service_absent
from tests.factories import UserFactory

RACINE = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def outils_postgresql(postgres):
    """The real server and its client tools (Debian package postgresql-client)."""
    for outil in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(outil) is None:
            service_absent(f"{outil} n'est pas installé (paquet postgresql-client)")


def url_de(nom_base: str) -> str:
    """The URL of ``nom_base`` on the server the test database lives on."""
    reglages = connection.settings_dict
    utilisateur = quote(reglages["USER"] or "postgres")
    mot_de_passe = f":{quote(reglages['PASSWORD'])}" if reglages.get("PASSWORD") else ""
    hote = reglages["HOST"] or "127.0.0.1"
    port = reglages["PORT"] or "5432"
    return f"postgres://{utilisateur}{mot_de_passe}@{hote}:{port}/{nom_base}"


def lancer(script: str, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(RACINE / "scripts" / script), *args],
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=RACINE,
    )


@pytest.fixture
def base_neuve():
    """A unique, not yet existing database name; dropped after the test whatever happens."""
    nom = f"appropriation_restauration_{uuid.uuid4().hex[:12]}"
    yield nom
    with psycopg.connect(url_de("postgres"), autocommit=True) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')


@pytest.fixture
def donnees(transactional_db):
    """Committed rows (visible to pg_dump) and an uploaded file in MEDIA_ROOT."""
    utilisateur = UserFactory(email="sauvegarde.verifiee@vincennes.fr", nom_complet="Lucie Martin")
    enregistrer(
        action="test.sauvegarde", acteur=utilisateur, objet=utilisateur, commentaire="avant"
    )
    piece = Path(settings.MEDIA_ROOT) / "candidatures" / "2026" / "formulaire-engagement.pdf"
    piece.parent.mkdir(parents=True, exist_ok=True)
    piece.write_bytes(b"%PDF-1.7\n% formulaire signe par le maire\n%%EOF\n")
    return {"utilisateur": utilisateur, "piece": piece}


def sauvegarder(tmp_path: Path) -> Path:
    resultat = lancer(
        "sauvegarder.sh",
        env={
            "DATABASE_URL": url_de(connection.settings_dict["NAME"]),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "SAUVEGARDE_DIR": str(tmp_path / "sauvegardes"),
        },
    )
    assert resultat.returncode == 0, resultat.stderr
    return Path(resultat.stdout.strip().splitlines()[-1])


def test_a_backup_restored_into_a_new_database_has_the_same_rows_and_files(
    donnees, base_neuve, tmp_path
):
    dossier = sauvegarder(tmp_path)
    assert {p.name for p in dossier.iterdir()} == {"base.dump", "fichiers.tar.gz", "SHA256SUMS"}

    medias_restaures = tmp_path / "media-restauree"
    resultat = lancer(
        "restaurer.sh",
        "--creer-base",
        str(dossier),
        env={"DATABASE_URL": url_de(base_neuve), "MEDIA_ROOT": str(medias_restaures)},
    )
    assert resultat.returncode == 0, resultat.stderr

    with psycopg.connect(url_de(base_neuve)) as restauree:
        ligne = restauree.execute(
            "SELECT nom_complet FROM accounts_user WHERE email = %s",
            ["sauvegarde.verifiee@vincennes.fr"],
        ).fetchone()
        assert ligne == ("Lucie Martin",)
        nb_source = connection.cursor()
        nb_source.execute("SELECT count(*) FROM audit_evenement")
        attendu = nb_source.fetchone()[0]
        assert restauree.execute("SELECT count(*) FROM audit_evenement").fetchone() == (attendu,)
        assert restauree.execute("SELECT count(*) FROM territoires_territoire").fetchone() == (142,)
    relatif = donnees["piece"].relative_to(settings.MEDIA_ROOT)
    assert (medias_restaures / relatif).read_bytes() == donnees["piece"].read_bytes()

    # The restored audit chain is intact: the application itself says so on the new database,
    # run as docs/exploitation.md says (production settings, two of them pointed elsewhere).
    verification = subprocess.run(
        [
            "sh",
            "-c",
            'set -a; . "$1"; set +a; DATABASE_URL="$2" MEDIA_ROOT="$3" '
            "HEBERGEUR_NOM=H HEBERGEUR_ADRESSE=A HEBERGEUR_TELEPHONE=T "
            'exec "$4" manage.py verifier_journal',
            "sh",
            str(RACINE / "deploy" / "appropriation.env.exemple"),
            url_de(base_neuve),
            str(medias_restaures),
            sys.executable,
        ],
        cwd=RACINE,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "appropriation.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verification.returncode == 0, verification.stderr


def test_restore_refuses_a_database_that_already_has_tables(donnees, tmp_path):
    dossier = sauvegarder(tmp_path)
    resultat = lancer(
        "restaurer.sh",
        str(dossier),
        env={
            "DATABASE_URL": url_de(connection.settings_dict["NAME"]),
            "MEDIA_ROOT": str(tmp_path / "vide"),
        },
    )
    assert resultat.returncode == 4
    assert "base neuve" in resultat.stderr


def test_restore_refuses_an_altered_backup(donnees, base_neuve, tmp_path):
    dossier = sauvegarder(tmp_path)
    with (dossier / "fichiers.tar.gz").open("ab") as archive:
        archive.write(b"alteration")
    resultat = lancer(
        "restaurer.sh",
        "--creer-base",
        str(dossier),
        env={"DATABASE_URL": url_de(base_neuve), "MEDIA_ROOT": str(tmp_path / "vide")},
    )
    assert resultat.returncode == 3
    assert "altérée" in resultat.stderr
    with psycopg.connect(url_de("postgres")) as maintenance:
        existe = maintenance.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [base_neuve]
        ).fetchone()
    assert existe is None  # nothing was created


def test_backups_older_than_the_retention_are_removed_and_the_newest_kept(donnees, tmp_path):
    ancienne = tmp_path / "sauvegardes" / "appropriation-20260101T023000Z"
    ancienne.mkdir(parents=True)
    il_y_a_30_jours = time.time() - 30 * 86400
    os.utime(ancienne, (il_y_a_30_jours, il_y_a_30_jours))

    nouvelle = sauvegarder(tmp_path)

    assert not ancienne.exists()
    assert nouvelle.is_dir()
