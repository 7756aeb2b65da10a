# SPDX-License-Identifier: EUPL-1.2
"""A member conflicted on an application reads the minutes only after the Bureau's decision.

Issue 17.6, documented choice (docs/comite.md): the minutes omit nothing; the conflicted
member's access is refused until the Bureau's decision on the application is recorded.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from comite.models import DecisionBureau, IssueDecision, SessionExamen
from tests.comite.factories import octets_pdf
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def seance_close(seance):
    """The session closed, its minutes written (set-up only: real code closes it)."""
    seance.enregistrer_proces_verbal(octets_pdf("Procès-verbal"))
    seance.save(update_fields=["proces_verbal", "proces_verbal_sha256"])
    SessionExamen.objects.filter(pk=seance.pk).update(etat=SessionExamen.Etat.CLOSE)
    return SessionExamen.objects.get(pk=seance.pk)


def telecharger(client, membre, session):
    connecter(client, membre)
    return client.get(reverse("admin:comite_proces_verbal", args=[session.pk]))


def decider(parcours, candidature, par) -> None:
    decision = DecisionBureau.objects.create(
        parcours=parcours,
        numero="BM-2026-017",
        date=dt.date(2026, 11, 20),
        document=ContentFile(octets_pdf(), name="deliberation.pdf"),
        document_sha256="0" * 64,
        enregistree_par=par,
    )
    IssueDecision.objects.create(decision=decision, candidature=candidature, selectionnee=True)


def test_a_member_conflicted_on_an_application_cannot_download_the_minutes(
    client, seance_close, conflicted
):
    reponse = telecharger(client, conflicted, seance_close)
    assert reponse.status_code == 403
    assert not reponse.streaming


def test_a_member_without_conflict_downloads_the_minutes(client, seance_close, membre_comite):
    reponse = telecharger(client, membre_comite, seance_close)
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/pdf"
    assert "no-store" in reponse["Cache-Control"]


def test_the_chair_and_staff_keep_their_access(
    client, seance_close, president_comite, agent_metropole
):
    assert telecharger(client, president_comite, seance_close).status_code == 200
    assert telecharger(client, agent_metropole, seance_close).status_code == 200


def test_the_conflicted_member_reads_them_once_the_bureau_has_decided(
    client, seance_close, conflicted, parcours, vincennes, agent_metropole
):
    decider(parcours, vincennes, agent_metropole)
    assert telecharger(client, conflicted, seance_close).status_code == 200


def test_the_session_page_tells_the_conflicted_member_why_there_is_no_link(
    client, seance_close, conflicted, membre_comite
):
    url = reverse("admin:comite_liste_notation", args=[seance_close.pk])
    lien = reverse("admin:comite_proces_verbal", args=[seance_close.pk])
    page = connecter(client, conflicted).get(url).content.decode()
    assert lien not in page
    assert "accessible une fois la décision du Bureau enregistrée" in page
    assert lien in connecter(client, membre_comite).get(url).content.decode()
