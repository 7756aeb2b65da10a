# SPDX-License-Identifier: EUPL-1.2
"""What the applicant reads next (issue 19, point 15): the decision is linked from the
application, and "Et ensuite ?" follows the convention and the track's phase."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidatures.models import Candidature
from comite.models import DecisionBureau, IssueDecision
from tests.candidatures.factories import a_l_etat
from tests.conventions.factories import beneficiaire, convention, parcours_laureats
from tests.factories import UserFactory, connecter
from tracks.models import Parcours

pytestmark = pytest.mark.django_db


def issue(candidature, *, selectionnee: bool) -> IssueDecision:
    decision = DecisionBureau.objects.create(
        parcours=candidature.parcours,
        numero="BM2026/11/12/07",
        date=dt.date(2026, 11, 12),
        document=SimpleUploadedFile("d.pdf", b"%PDF-1.4"),
        enregistree_par=UserFactory(),
    )
    return IssueDecision.objects.create(
        decision=decision, candidature=candidature, selectionnee=selectionnee
    )


def test_the_unselected_application_page_links_to_the_decision_and_score_card(
    client, agent_vincennes
):
    candidature = beneficiaire()
    Candidature.objects.filter(pk=candidature.pk).update(etat=Candidature.Etat.NON_SELECTIONNEE)
    lien = reverse("comite:decision", args=[issue(candidature, selectionnee=False).pk])
    connecter(client, agent_vincennes)
    page = client.get(reverse("candidatures:detail", args=[candidature.pk])).content.decode()
    assert f'href="{lien}"' in page
    assert client.get(lien).status_code == 200


def suite(candidature) -> str:
    return Candidature.objects.get(pk=candidature.pk).suite()


def test_a_laureate_without_a_convention_yet_is_told_it_is_being_prepared():
    texte = suite(beneficiaire())
    assert "prépare votre convention d'engagement" in texte
    assert "partenariat" not in texte


def test_a_laureate_whose_convention_was_sent_is_told_to_have_it_signed():
    envoyee = convention(pdf=True, etat="envoyee")
    assert "faites-la signer" in suite(envoyee.candidature)


def test_during_phase_2_the_next_step_speaks_of_the_experimentation_not_the_convention():
    parcours = parcours_laureats()
    en_vigueur = convention(beneficiaire(parcours), pdf=True, etat="en_vigueur")
    a_l_etat(parcours, Parcours.Etat.EXPERIMENTATION)
    texte = suite(en_vigueur.candidature)
    assert "expérimentation (phase 2) est en cours" in texte
    assert "va vous être proposée" not in texte


def test_the_applicant_page_shows_the_computed_next_step(client, agent_vincennes):
    envoyee = convention(pdf=True, etat="envoyee")
    connecter(client, agent_vincennes)
    page = client.get(reverse("candidatures:detail", args=[envoyee.candidature.pk]))
    assert "faites-la signer par le représentant légal" in page.content.decode()
