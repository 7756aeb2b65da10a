# SPDX-License-Identifier: EUPL-1.2
"""The demo's journal clock: the demo's history is dated, a real journal never is."""

import datetime as dt

import pytest
from django.utils import timezone

from audit.journal import enregistrer, horloge_demo, verifier_chaine
from audit.models import Evenement

pytestmark = pytest.mark.django_db


def test_outside_the_demo_settings_the_clock_is_refused_and_nothing_is_dated_back(settings):
    settings.DEBUG, settings.DEMO = False, False
    with pytest.raises(RuntimeError), horloge_demo(timezone.now() - dt.timedelta(days=300)):
        enregistrer(action=Evenement.Action.MODIFICATION, commentaire="antidaté")
    assert not Evenement.objects.exists()


def test_under_the_demo_settings_entries_are_dated_and_the_chain_still_verifies(settings):
    settings.DEMO = True
    moment = timezone.now() - dt.timedelta(days=300)
    with horloge_demo(moment):
        enregistrer(action=Evenement.Action.MODIFICATION, commentaire="il y a dix mois")
    enregistrer(action=Evenement.Action.MODIFICATION, commentaire="maintenant")
    ancien, recent = Evenement.objects.order_by("pk")
    assert ancien.horodatage == moment and recent.horodatage > moment + dt.timedelta(days=299)
    assert verifier_chaine() == []
