# SPDX-License-Identifier: EUPL-1.2
"""The demo tracks: believable stages, reproducible, safe to run twice."""

import pytest
from django.utils import timezone

from accounts.demo import creer_personas
from tracks import demo
from tracks.models import Parcours

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reglages_demo(settings):
    """The demo's journal clock works under the demo settings only."""
    settings.DEMO = True


@pytest.fixture
def maintenant():
    return timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)


def test_it_builds_tracks_at_different_stages(maintenant):
    demo.creer(comptes=creer_personas(), maintenant=maintenant)
    etats = dict(Parcours.objects.values_list("slug", "etat"))
    assert etats == {
        "aires-de-livraison": "publie",
        "simplification-des-demarches": "instruction",
        "reemploi-des-materiaux": "experimentation",
        "renovation-energetique-batiments-publics": "clos",
        "signalements-espace-public": "prestataire",
        "bruit-urbain": "brouillon",
    }


def test_the_open_track_closes_in_three_weeks(maintenant):
    demo.creer(comptes=creer_personas(), maintenant=maintenant)
    ouvert = Parcours.objects.ouverts(maintenant).get()
    assert (ouvert.date_limite - maintenant).days == 21
    assert ouvert.ponderations.count() == 6


def test_it_can_run_twice(maintenant):
    comptes = creer_personas()
    demo.creer(comptes=comptes, maintenant=maintenant)
    assert demo.creer(comptes=comptes, maintenant=maintenant) == "déjà présents"
    assert Parcours.objects.count() == 6
