# SPDX-License-Identifier: EUPL-1.2
"""The settings file loads everywhere: systemd's EnvironmentFile= and ``set -a; . file`` in sh.

An unquoted value with spaces (``DEFAULT_FROM_EMAIL=ApproprIAtion Métropolitaine <…>``) was a
syntax error for the shell: every later variable stayed unset and an empty ``STATIC_ROOT`` gave
a 500 on every page. The example is now sourced by a real shell here, variable by variable.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
EXEMPLE = RACINE / "deploy" / "appropriation.env.exemple"
# The one form that systemd and every POSIX shell read alike: no expansion, no escape.
LIGNE_VARIABLE = re.compile(r"^([A-Z_][A-Z0-9_]*)='([^']*)'$")


def variables_de_l_exemple() -> dict[str, str]:
    variables = {}
    for numero, ligne in enumerate(EXEMPLE.read_text(encoding="utf-8").splitlines(), 1):
        if not ligne.strip() or ligne.startswith("#"):
            continue
        correspondance = LIGNE_VARIABLE.match(ligne)
        assert correspondance, f"ligne {numero} hors de la forme NOM='valeur' : {ligne!r}"
        variables[correspondance[1]] = correspondance[2]
    return variables


def test_every_line_of_the_example_is_a_comment_or_a_single_quoted_assignment():
    variables = variables_de_l_exemple()
    assert variables["DEFAULT_FROM_EMAIL"] == (
        "ApproprIAtion Métropolitaine <appropriation@metropolegrandparis.fr>"
    )
    assert {"STATIC_ROOT", "MEDIA_ROOT", "SECRET_KEY", "DATABASE_URL"} <= set(variables)


@pytest.mark.parametrize("coquille", ["sh", "bash"])
def test_the_example_sourced_by_a_real_shell_sets_every_variable(coquille):
    chemin = shutil.which(coquille)
    assert chemin, f"{coquille} absent"
    attendues = variables_de_l_exemple()
    resultat = subprocess.run(
        [chemin, "-c", 'set -a; . "$1"; set +a; env -0', coquille, str(EXEMPLE)],
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        timeout=30,
    )
    assert resultat.returncode == 0, resultat.stderr.decode()
    assert resultat.stderr == b""
    obtenues = dict(
        element.split("=", 1)
        for element in resultat.stdout.decode("utf-8").split("\0")
        if "=" in element
    )
    manquantes = [nom for nom in attendues if nom not in obtenues]
    assert manquantes == []
    assert {nom: obtenues[nom] for nom in attendues} == attendues


def test_the_settings_read_the_sourced_example(tmp_path):
    """The whole chain: shell, environment, settings (the sender keeps its display name)."""
    script = (
        'set -a; . "$1"; set +a; '
        f'STATIC_ROOT="{tmp_path}/static"; MEDIA_ROOT="{tmp_path}/media"; '
        # the example leaves the legal notice's host empty: the operator must fill it in
        "HEBERGEUR_NOM=H; HEBERGEUR_ADRESSE=A; HEBERGEUR_TELEPHONE=T; "
        'exec "$2" -c "import django; django.setup(); from django.conf import settings; '
        "print(settings.DEFAULT_FROM_EMAIL); print(settings.STATIC_ROOT); "
        'print(settings.SECURE_PROXY_SSL_HEADER)"'
    )
    resultat = subprocess.run(
        ["sh", "-c", script, "sh", str(EXEMPLE), sys.executable],
        cwd=RACINE,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "appropriation.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.splitlines() == [
        "ApproprIAtion Métropolitaine <appropriation@metropolegrandparis.fr>",
        f"{tmp_path}/static",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
    ]


def test_an_unquoted_value_with_spaces_is_what_broke_the_shell(tmp_path):
    """The failure this file's syntax avoids, kept as a reminder that the test can fail."""
    fautif = tmp_path / "fautif.env"
    fautif.write_text("DEFAULT_FROM_EMAIL=Nom <a@b.fr>\nSTATIC_ROOT=/srv/static\n", "utf-8")
    resultat = subprocess.run(
        ["sh", "-c", 'set -a; . "$1"; set +a; echo "${STATIC_ROOT:-vide}"', "sh", str(fautif)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert resultat.returncode != 0 or resultat.stdout.strip() == "vide"
