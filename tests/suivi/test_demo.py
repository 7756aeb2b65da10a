# SPDX-License-Identifier: EUPL-1.2
"""The follow-up demo data: deliverables and AI register entries, safe to run twice."""

import importlib

import pytest
from django.utils import timezone

from accounts.demo import creer_personas
from suivi.models import FicheRegistreIA, Livrable
from suivi.retours import retours_manquants
from tracks.models import Parcours

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reglages_demo(settings):
    """The demo's journal clock works under the demo settings only."""
    settings.DEMO = True


def test_it_builds_deliverables_and_register_entries_once(django_capture_on_commit_callbacks):
    comptes = creer_personas()
    maintenant = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        for app in ("tracks", "candidatures", "comite", "conventions", "suivi"):
            importlib.import_module(f"{app}.demo").creer(comptes=comptes, maintenant=maintenant)

    clos = Parcours.objects.get(slug="renovation-energetique-batiments-publics")
    en_cours = Parcours.objects.get(slug="reemploi-des-materiaux")
    assert FicheRegistreIA.objects.filter(publiee=True).count() == 2
    assert retours_manquants(clos) == []
    assert Livrable.objects.filter(parcours=en_cours, etat="remis").exists()
    assert (
        importlib.import_module("suivi.demo").creer(comptes=comptes, maintenant=maintenant)
        == "déjà présentes"
    )
