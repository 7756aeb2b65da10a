# SPDX-License-Identifier: EUPL-1.2
import json

import pytest
from django.core.management import call_command

from territoires.models import Territoire
from territoires.referentiel import charger

pytestmark = pytest.mark.django_db


def test_it_loads_130_communes_11_ept_and_the_metropole():
    assert Territoire.objects.communes().count() == 130
    assert Territoire.objects.epts().count() == 11
    assert Territoire.objects.filter(nature=Territoire.Nature.METROPOLE).count() == 1


def test_it_attaches_every_commune_to_one_ept_except_paris():
    sans_ept = Territoire.objects.communes().filter(ept__isnull=True)
    assert list(sans_ept.values_list("code", flat=True)) == ["75056"]
    assert not Territoire.objects.communes().exclude(code="75056").filter(ept__isnull=True).exists()
    assert Territoire.objects.get(code="T6").communes.count() == 8  # Plaine Commune since 2025
    assert Territoire.objects.get(code="T12").communes.count() == 24


def test_it_keeps_population_siren_and_geometry():
    saint_denis = Territoire.objects.get(code="93066")
    assert saint_denis.ept.code == "T6"
    assert saint_denis.siren == "929939411"
    assert json.loads(saint_denis.geometrie)["type"] == "MultiPolygon"
    total = sum(Territoire.objects.communes().values_list("population", flat=True))
    assert total == Territoire.objects.get(code="MGP").population == 7_142_540


def test_it_refuses_pierrefitte_merged_into_saint_denis():
    assert not Territoire.objects.filter(code="93059").exists()


def test_loading_twice_changes_nothing():
    avant = list(Territoire.objects.order_by("code").values())
    bilan = charger(Territoire)
    assert (bilan.crees, bilan.modifies, bilan.inchanges) == (0, 0, 142)
    assert list(Territoire.objects.order_by("code").values()) == avant


def test_the_command_is_a_dry_run_unless_told_wet_run(capsys):
    Territoire.objects.filter(code="94080").update(population=1)
    call_command("charger_territoires")
    assert Territoire.objects.get(code="94080").population == 1
    assert "Essai à blanc" in capsys.readouterr().out
    call_command("charger_territoires", "--wet-run")
    assert Territoire.objects.get(code="94080").population > 40_000


def test_only_communes_and_ept_are_eligible():
    eligibles = Territoire.objects.eligibles()
    assert eligibles.count() == 141
    assert not eligibles.filter(code="MGP").exists()
