# SPDX-License-Identifier: EUPL-1.2
"""The committee's demo data: a closed past session with scores and votes, an upcoming one."""

import pytest
from django.utils import timezone

from accounts.demo import creer_personas
from comite import demo
from comite.models import GroupePolitique, MandatMembre, Notation, SessionExamen, Vote
from tests.comite.factories import candidature_admissible
from tracks import demo as demo_parcours
from tracks.models import Parcours

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reglages_demo(settings):
    """The demo's journal clock works under the demo settings only."""
    settings.DEMO = True


@pytest.fixture
def comptes():
    maintenant = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    comptes = creer_personas()
    demo_parcours.creer(comptes=comptes, maintenant=maintenant)
    return comptes, maintenant


def test_it_builds_a_closed_past_session_and_an_upcoming_one(comptes):
    comptes, maintenant = comptes
    instruction = Parcours.objects.get(etat=Parcours.Etat.INSTRUCTION)
    for code in ("94080", "93048", "93066"):
        candidature_admissible(instruction, code)
    resume = demo.creer(comptes=comptes, maintenant=maintenant)
    passee, a_venir = SessionExamen.objects.order_by("date")
    assert passee.etat == SessionExamen.Etat.CLOSE and passee.proces_verbal
    assert a_venir.etat == SessionExamen.Etat.PLANIFIEE and a_venir.date > maintenant
    # membre_comite_3 declared Montreuil: 4 members × 3 applications − 1 conflict.
    assert Notation.objects.filter(session=passee).count() == 11
    assert Vote.objects.filter(point__session=passee).count() == 11
    assert GroupePolitique.objects.count() == 3 and MandatMembre.objects.count() == 4
    assert "séance à venir" in resume


def test_without_admissible_applications_the_past_session_stays_planned(comptes):
    comptes, maintenant = comptes
    demo.creer(comptes=comptes, maintenant=maintenant)
    assert not SessionExamen.objects.filter(etat=SessionExamen.Etat.CLOSE).exists()


def test_it_can_run_twice(comptes):
    comptes, maintenant = comptes
    demo.creer(comptes=comptes, maintenant=maintenant)
    assert demo.creer(comptes=comptes, maintenant=maintenant) == "déjà présentes"
    assert SessionExamen.objects.count() == 2
