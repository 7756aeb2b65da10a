# SPDX-License-Identifier: EUPL-1.2
"""Found by the deadline rush of bench/run.sh: a submission stamped after the deadline.

The guard reads the clock before the row lock and the receipt number; under load the receipt
time was stamped 2 ms after the deadline. The receipt time itself must be before it.
"""

import datetime as dt
import types

import pytest
from django.utils import timezone

from candidatures.models import Candidature
from core.workflow import TransitionRefusee, appliquer
from tests.candidatures.factories import CandidatureFactory, completer
from tests.factories import agent_de, territoire


@pytest.mark.django_db
def test_it_refuses_a_submission_whose_receipt_time_falls_after_the_deadline(monkeypatch):
    agent = agent_de("94080", representant_legal=True)
    candidature = CandidatureFactory(territoire=territoire("94080"), creee_par=agent)
    completer(candidature, par=agent)
    apres = candidature.parcours.date_limite + dt.timedelta(milliseconds=2)
    # The guard still sees the track open; the clock read when stamping is past the deadline.
    monkeypatch.setattr("candidatures.models.timezone", types.SimpleNamespace(now=lambda: apres))

    with pytest.raises(TransitionRefusee) as refus:
        appliquer(candidature, "deposer", par=agent, etat_attendu=Candidature.Etat.BROUILLON)

    assert "date limite" in " ".join(refus.value.raisons)
    candidature = Candidature.objects.get(pk=candidature.pk)
    assert (candidature.etat, candidature.numero, candidature.deposee_le) == (
        "brouillon",
        None,
        None,
    )
    assert timezone.now() < candidature.parcours.date_limite


@pytest.mark.django_db
def test_it_refuses_rather_than_fails_when_the_deadline_passes_between_the_two_guard_checks(
    monkeypatch,
):
    """appliquer checks the guards, then django-fsm checks them again: a 500 under the rush."""
    agent = agent_de("94080", representant_legal=True)
    candidature = CandidatureFactory(territoire=territoire("94080"), creee_par=agent)
    completer(candidature, par=agent)
    appels = []

    def ouvert_puis_echu(maintenant=None):
        appels.append(maintenant)
        return len(appels) == 1  # open for appliquer's check, past for django-fsm's

    monkeypatch.setattr(
        "tracks.models.Parcours.candidatures_ouvertes",
        lambda self, maintenant=None: ouvert_puis_echu(maintenant),
    )

    with pytest.raises(TransitionRefusee):
        appliquer(candidature, "deposer", par=agent, etat_attendu=Candidature.Etat.BROUILLON)

    assert Candidature.objects.get(pk=candidature.pk).numero is None
