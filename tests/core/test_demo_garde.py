# SPDX-License-Identifier: EUPL-1.2
"""Demo data never reach production, and never touch an existing account (issue 17, point 5)."""

import subprocess
import sys

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import MOT_DE_PASSE_DEMO, PERSONAS, TOTP_DEMO_CLE_HEX, creer_personas
from accounts.models import User
from core.management.commands import donnees_demo
from tests.factories import UserFactory
from tests.ops.test_production import ENV_PRODUCTION, RACINE
from tracks.models import Parcours

pytestmark = pytest.mark.django_db

ADRESSES = [persona.email for persona in PERSONAS]
MOT_DE_PASSE_REEL = "Un-vrai-mot-de-passe-2026!"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.DEMO = False


@pytest.mark.parametrize("arguments", [["--wet-run"], []])
def test_the_demo_data_are_refused_outside_demo_settings(production, arguments):
    parcours_avant = Parcours.objects.count()
    with pytest.raises(CommandError, match="Données de démonstration refusées"):
        call_command("donnees_demo", *arguments)
    assert not User.objects.filter(email__in=ADRESSES).exists()
    assert Parcours.objects.count() == parcours_avant


def test_the_demo_credentials_are_not_printed_outside_demo_settings(production, capsys):
    with pytest.raises(CommandError, match="Données de démonstration refusées"):
        call_command("comptes_demo")
    assert MOT_DE_PASSE_DEMO not in capsys.readouterr().out


def test_demo_settings_allow_the_accounts(settings, monkeypatch):
    settings.DEBUG = False
    settings.DEMO = True
    monkeypatch.setattr(donnees_demo, "ORDRE", [])  # the accounts only: the rest is slow
    call_command("donnees_demo", "--wet-run")
    assert User.objects.filter(email__in=ADRESSES).count() == len(PERSONAS)


@pytest.fixture
def compte_reel(db):
    """A real staff member whose address happens to be a demo one, with their own 2FA."""
    from django.contrib.auth.models import Group

    from accounts.roles import AGENT_METROPOLE

    user = UserFactory(email="staff@exemple.fr", nom_complet="Vraie Personne", is_staff=True)
    user.set_password(MOT_DE_PASSE_REEL)
    user.save()
    user.groups.set([Group.objects.get(name=AGENT_METROPOLE)])
    TOTPDevice.objects.create(user=user, name="Mon téléphone", confirmed=True)
    return user


def test_the_demo_never_touches_an_existing_account(settings, monkeypatch, capsys, compte_reel):
    settings.DEMO = True
    hachage = compte_reel.password
    appareil = TOTPDevice.objects.get(user=compte_reel)
    monkeypatch.setattr(donnees_demo, "ORDRE", [])
    call_command("donnees_demo", "--wet-run")

    compte_reel.refresh_from_db()
    assert compte_reel.password == hachage
    assert check_password(MOT_DE_PASSE_REEL, compte_reel.password)
    assert not check_password(MOT_DE_PASSE_DEMO, compte_reel.password)
    assert compte_reel.nom_complet == "Vraie Personne"
    assert list(TOTPDevice.objects.filter(user=compte_reel)) == [appareil]
    assert TOTPDevice.objects.get(user=compte_reel).key == appareil.key != TOTP_DEMO_CLE_HEX
    assert not StaticDevice.objects.filter(user=compte_reel).exists()
    sortie = capsys.readouterr().out
    assert "Compte existant laissé intact (ni mot de passe ni second facteur) : " in sortie
    assert "staff@exemple.fr" in sortie
    # The other personas were created as usual.
    assert User.objects.filter(email__in=ADRESSES).count() == len(PERSONAS)


def test_creer_personas_returns_an_existing_account_unchanged(compte_reel):
    hachage = compte_reel.password
    comptes = creer_personas()
    assert comptes["agent_metropole"] == compte_reel
    compte_reel.refresh_from_db()
    assert compte_reel.password == hachage
    assert TOTPDevice.objects.filter(user=compte_reel).count() == 1


def reglages(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=RACINE,
        env={**ENV_PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_demo():
    resultat = reglages(DEMO="1")
    assert resultat.returncode != 0
    assert "DEMO=1 est refusé avec DEBUG=0" in resultat.stderr


def test_demo_is_accepted_with_debug_on():
    assert reglages(DEMO="1", DEBUG="1").returncode == 0
