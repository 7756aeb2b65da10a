# SPDX-License-Identifier: EUPL-1.2
"""Composition, calendar, quorum, declarations of interest and auditions."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from comite.admin import sessions_manquantes
from comite.models import Convocation, DeclarationInteret, MandatMembre, Notation, SessionExamen
from comite.seances import Refus, ouvrir_session
from tests.comite.factories import MandatFactory, SessionFactory, noter
from tests.factories import connecter


def test_a_mandate_without_group_for_a_group_seat_is_refused(membre_comite):
    import pytest
    from django.core.exceptions import ValidationError

    mandat = MandatMembre(membre=membre_comite, siege="groupe", debut=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        mandat.clean()


def test_ended_mandates_are_kept_and_running_ones_listed(membre_comite):
    ancien = MandatFactory(membre=membre_comite, fin=dt.date(2023, 12, 31))
    actuel = MandatFactory(membre=membre_comite, debut=dt.date(2024, 1, 1))
    assert list(MandatMembre.objects.en_cours(dt.date(2025, 1, 1))) == [actuel]
    assert MandatMembre.objects.filter(pk=ancien.pk).exists()


def test_a_past_members_scores_stay_attributed(membres, point_vincennes):
    noter(point_vincennes, membres[0], 3)
    MandatMembre.objects.filter(membre=membres[0]).update(fin=dt.date(2020, 12, 31))
    assert Notation.objects.get().membre == membres[0]


def test_staff_are_warned_when_fewer_than_two_sessions_are_planned(client, agent_metropole):
    SessionFactory(date=timezone.now())
    assert sessions_manquantes(timezone.localdate().year) == 1
    reponse = connecter(client, agent_metropole).get(
        reverse("admin:comite_sessionexamen_changelist")
    )
    assert "il manque 1 séance(s) au calendrier" in reponse.content.decode()


def test_no_warning_with_two_sessions(db):
    SessionFactory(date=timezone.now())
    SessionFactory(date=timezone.now())
    assert sessions_manquantes(timezone.localdate().year) == 0


def test_opening_is_refused_without_quorum(seance, president_comite):
    import pytest

    Convocation.objects.filter(session=seance).exclude(membre=president_comite).update(
        present=False
    )
    with pytest.raises(Refus) as refus:
        ouvrir_session(session=seance, par=president_comite)
    assert (
        "Le quorum n'est pas atteint : 1 membre(s) présent(s) sur 5 ; il en faut au moins 3."
        in refus.value.raisons
    )
    assert SessionExamen.objects.get(pk=seance.pk).etat == SessionExamen.Etat.PLANIFIEE


def test_opening_waits_for_each_present_member_to_confirm_declarations(
    seance, president_comite, membres
):
    import pytest

    Convocation.objects.filter(membre=membres[0]).update(declarations_confirmees_le=None)
    with pytest.raises(Refus) as refus:
        ouvrir_session(session=seance, par=president_comite)
    assert any("Déclarations d'intérêts à confirmer par" in r for r in refus.value.raisons)


def test_a_member_completes_and_confirms_their_declarations(client, membres, seance):
    from tests.factories import territoire

    membre = membres[0]
    Convocation.objects.filter(membre=membre).update(declarations_confirmees_le=None)
    url = reverse("admin:comite_declarations", args=[seance.pk])
    connecter(client, membre)
    client.post(
        url,
        {"territoire": territoire("93048").pk, "nature": "autre", "precision": "Conjoint agent"},
    )
    client.post(url, {"action": "confirmer"})
    assert DeclarationInteret.objects.filter(membre=membre, territoire__code="93048").exists()
    assert Convocation.objects.get(membre=membre).declarations_confirmees_le is not None


def test_an_audition_invitation_goes_through_the_outbox(
    seance, vincennes, agent_metropole, representant_vincennes
):
    from comite.models import Audition
    from comite.seances import inviter_a_l_audition
    from notifications.models import Message

    audition = Audition.objects.create(
        session=seance,
        candidature=vincennes,
        date=seance.date - dt.timedelta(hours=2),
        lieu="Salle 3",
    )
    assert inviter_a_l_audition(audition=audition, par=agent_metropole) == 1
    assert Message.objects.get(gabarit="invitation_audition").destinataire == representant_vincennes
    audition.refresh_from_db()
    assert audition.invitation_envoyee_le is not None
