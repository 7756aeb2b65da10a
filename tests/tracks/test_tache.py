# SPDX-License-Identifier: EUPL-1.2
"""Applications close at the deadline, by the periodic task, exactly once."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from audit.models import Evenement
from tests.tracks.factories import ParcoursFactory, a_l_etat, completer
from tracks.models import Parcours
from tracks.tasks import clore_candidatures_echues

E = Parcours.Etat
pytestmark = pytest.mark.django_db


def publie(date_limite) -> Parcours:
    return a_l_etat(completer(ParcoursFactory(date_limite=date_limite)), E.PUBLIE)


def etat(parcours) -> str:
    return Parcours.objects.get(pk=parcours.pk).etat


def test_it_closes_exactly_the_tracks_whose_deadline_passed():
    maintenant = timezone.now()
    echu = publie(maintenant - dt.timedelta(seconds=1))
    pile = publie(maintenant)
    a_venir = publie(maintenant + dt.timedelta(seconds=1))
    brouillon = ParcoursFactory(date_limite=maintenant - dt.timedelta(days=1))
    with time_machine.travel(maintenant, tick=False):
        assert clore_candidatures_echues() == 2
    assert [etat(p) for p in (echu, pile, a_venir, brouillon)] == [
        E.INSTRUCTION,
        E.INSTRUCTION,
        E.PUBLIE,
        E.BROUILLON,
    ]


def test_it_changes_nothing_more_when_run_twice():
    parcours = publie(timezone.now() - dt.timedelta(hours=3))
    clore_candidatures_echues()
    assert clore_candidatures_echues() == 0
    assert Evenement.objects.pour(parcours).transitions().count() == 1


def test_it_logs_the_closing_as_done_by_the_system():
    parcours = publie(timezone.now() - dt.timedelta(days=2))  # late run: still one closing
    clore_candidatures_echues()
    evenement = Evenement.objects.pour(parcours).transitions().get()
    assert (evenement.acteur, evenement.acteur_libelle, evenement.etat_apres) == (
        None,
        "système",
        "instruction",
    )


def test_it_is_scheduled_every_minute_in_celery_beat():
    tache = PeriodicTask.objects.get(task="tracks.tasks.clore_candidatures_echues")
    assert tache.enabled
    assert (tache.interval.every, tache.interval.period) == (1, "minutes")
