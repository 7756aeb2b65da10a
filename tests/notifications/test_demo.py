# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.utils import timezone

from accounts.demo import creer_personas
from notifications import demo
from notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reglages_demo(settings):
    """The demo's journal clock works under the demo settings only."""
    settings.DEMO = True


def test_the_demo_fills_the_centres_with_read_and_unread_notices_once():
    comptes = creer_personas()
    maintenant = timezone.now()
    assert "notifications" in demo.creer(comptes=comptes, maintenant=maintenant)
    nombre = Message.objects.count()
    assert nombre >= 4
    assert Message.objects.non_lus_de(comptes["agent_metropole"]).exists()
    assert Message.objects.filter(lu_le__isnull=False).exists()
    assert not Message.objects.filter(etat=Message.Etat.EN_ATTENTE).exists()
    demo.creer(comptes=comptes, maintenant=maintenant)
    assert Message.objects.count() == nombre
