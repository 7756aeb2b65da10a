# SPDX-License-Identifier: EUPL-1.2
"""Demo applications: real communes, Vincennes' draft and submitted file, safe to run twice."""

import pytest
from django.utils import timezone

from accounts.demo import creer_personas
from candidatures import demo
from candidatures.models import Candidature
from tracks import demo as demo_parcours

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reglages_demo(settings):
    """The demo's journal clock works under the demo settings only."""
    settings.DEMO = True


@pytest.fixture
def comptes():
    return creer_personas()


@pytest.fixture
def maintenant():
    return timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)


def test_it_skips_gracefully_without_demo_tracks(comptes, maintenant):
    assert "rien à créer" in demo.creer(comptes=comptes, maintenant=maintenant)


def test_it_builds_vincennes_draft_and_submitted_files_once(comptes, maintenant):
    demo_parcours.creer(comptes=comptes, maintenant=maintenant)
    demo.creer(comptes=comptes, maintenant=maintenant)
    assert demo.creer(comptes=comptes, maintenant=maintenant) == "déjà présentes"
    vincennes = dict(
        Candidature.objects.filter(territoire__code="94080").values_list("parcours__slug", "etat")
    )
    assert vincennes["aires-de-livraison"] == "brouillon"
    assert vincennes["simplification-des-demarches"] == "admissible"
    deposees = Candidature.objects.exclude(numero=None)
    assert deposees.count() == len(set(deposees.values_list("numero", flat=True)))
    assert Candidature.objects.filter(etat="a_completer").exists()
    assert Candidature.objects.filter(etat="selectionnee").count() == 6
