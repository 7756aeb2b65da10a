# SPDX-License-Identifier: EUPL-1.2
from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Message
from notifications.rappels import planifier_rappels
from tests.conventions.factories import convention

# A Wednesday at 10 h: the week's key is the Monday before.
MERCREDI = timezone.make_aware(timezone.datetime(2027, 1, 13, 10, 0))


@pytest.fixture
def envoyee(candidature_vincennes, representant_vincennes):
    resultat = convention(candidature_vincennes, pdf=True, etat="envoyee")
    type(resultat).objects.filter(pk=resultat.pk).update(envoyee_le=MERCREDI - timedelta(days=8))
    return resultat


def rappels():
    return Message.objects.filter(gabarit="rappel_signature_convention")


def test_an_unsigned_convention_gets_one_reminder_a_week(envoyee, representant_vincennes):
    planifier_rappels(MERCREDI)
    assert rappels().get().destinataire == representant_vincennes
    planifier_rappels(MERCREDI + timedelta(days=2))  # same week
    assert rappels().count() == 1
    planifier_rappels(MERCREDI + timedelta(days=7))  # next week
    assert rappels().count() == 2


def test_no_reminder_once_signed(envoyee):
    type(envoyee).objects.filter(pk=envoyee.pk).update(etat="signee_beneficiaire")
    planifier_rappels(MERCREDI)
    assert not rappels().exists()


def test_no_reminder_during_the_first_week(envoyee):
    type(envoyee).objects.filter(pk=envoyee.pk).update(envoyee_le=MERCREDI - timedelta(days=3))
    planifier_rappels(MERCREDI)
    assert not rappels().exists()
