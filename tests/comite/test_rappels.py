# SPDX-License-Identifier: EUPL-1.2
"""Convocation and scoring reminders, through the notifications registry."""

import datetime as dt

from notifications.models import Message
from notifications.rappels import REGISTRE, planifier_rappels
from tests.comite.factories import noter


def test_both_reminders_are_registered():
    assert {"convocation_comite", "rappel_notation_comite"} <= set(REGISTRE)


def test_members_with_unsubmitted_scores_are_reminded_3_days_before(
    seance, membres, conflicted, point_vincennes, point_montreuil, president_comite
):
    for point in (point_vincennes, point_montreuil):
        noter(point, president_comite, 3)
    noter(point_montreuil, conflicted, 3)  # conflicted on Vincennes: nothing left to score
    planifier_rappels(maintenant=seance.date - dt.timedelta(days=2))
    rappeles = set(
        Message.objects.filter(gabarit="rappel_notation_comite").values_list(
            "destinataire__nom_complet", flat=True
        )
    )
    assert rappeles == {m.nom_complet for m in membres[:3]}


def test_the_scoring_reminder_leaves_once(seance):
    planifier_rappels(maintenant=seance.date - dt.timedelta(days=2))
    planifier_rappels(maintenant=seance.date - dt.timedelta(days=1))
    assert Message.objects.filter(gabarit="rappel_notation_comite").count() == 5


def test_no_scoring_reminder_a_week_before(seance):
    planifier_rappels(maintenant=seance.date - dt.timedelta(days=7))
    assert not Message.objects.filter(gabarit="rappel_notation_comite").exists()


def test_every_convened_member_receives_the_convocation_with_the_agenda(seance):
    planifier_rappels(maintenant=seance.date - dt.timedelta(days=10))
    messages = Message.objects.filter(gabarit="convocation_comite")
    assert messages.count() == 5
    assert "Vincennes" in messages.first().corps_texte
