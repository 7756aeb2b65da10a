# SPDX-License-Identifier: EUPL-1.2
"""The start page lists each role's own work, and nothing a role cannot act on."""

import re

import pytest
from django.urls import reverse

from candidatures.models import Candidature
from tests.candidatures.factories import CandidatureFactory
from tests.factories import AdhesionFactory, connecter, territoire

pytestmark = pytest.mark.django_db


def _page(client, user) -> str:
    connecter(client, user)
    reponse = client.get(reverse("core:tableau_de_bord"))
    assert reponse.status_code == 200
    return re.sub(r"\s+", " ", reponse.content.decode())


def test_it_lists_the_agents_drafts_with_their_deadline(client, agent_vincennes):
    brouillon = CandidatureFactory()
    page = _page(client, agent_vincennes)
    assert "Mes candidatures à finaliser" in page
    assert reverse("candidatures:detail", args=[brouillon.pk]) in page
    assert "Brouillon, à déposer avant le " in page
    assert "(heure de Paris)" in page


def test_it_lists_a_completion_request(client, agent_vincennes):
    CandidatureFactory(etat=Candidature.Etat.A_COMPLETER)
    assert "Compléments demandés" in _page(client, agent_vincennes)


def test_it_does_not_show_another_territoires_draft(client, agent_montreuil):
    CandidatureFactory()  # Vincennes
    page = _page(client, agent_montreuil)
    assert "Mes candidatures à finaliser" not in page
    assert "Rien ne vous attend pour l'instant." in page


def test_membership_requests_only_for_those_who_decide(
    client, agent_vincennes, representant_vincennes
):
    AdhesionFactory(en_attente=True, territoire=territoire("94080"))
    assert "Adhésions à valider" not in _page(client, agent_vincennes)
    client.logout()
    page = _page(client, representant_vincennes)
    assert "Adhésions à valider" in page
    assert reverse("accounts:adhesions_a_valider") in page


def test_staff_see_the_deposits_to_check(client, agent_metropole):
    deposee = CandidatureFactory(etat=Candidature.Etat.DEPOSEE)
    page = _page(client, agent_metropole)
    assert "Candidatures à instruire" in page
    assert reverse("admin:candidatures_candidature_change", args=[deposee.pk]) in page


def test_an_agent_does_not_see_the_staffs_sections(client, agent_vincennes):
    CandidatureFactory(etat=Candidature.Etat.DEPOSEE)
    assert "Candidatures à instruire" not in _page(client, agent_vincennes)


def test_every_link_of_the_start_page_opens(client, agent_metropole):
    CandidatureFactory(etat=Candidature.Etat.DEPOSEE)
    page = _page(client, agent_metropole)
    section = page.split('id="a-faire"')[1].split('id="mes-territoires"')[0]
    liens = re.findall(r'href="([^"]+)"', section)
    assert liens
    for lien in liens:
        assert client.get(lien.replace("&amp;", "&")).status_code == 200, lien


def test_the_legal_representative_sees_the_convention_to_sign(client, representant_vincennes):
    from conventions.models import Convention
    from tests.conventions.factories import convention

    a_signer = convention(etat=Convention.Etat.ENVOYEE)
    page = _page(client, representant_vincennes)
    assert "Conventions à signer" in page
    assert reverse("conventions:detail", args=[a_signer.pk]) in page


def test_staff_see_the_signed_convention_to_countersign(client, agent_metropole):
    from conventions.models import Convention
    from tests.conventions.factories import convention

    convention(etat=Convention.Etat.SIGNEE_BENEFICIAIRE)
    page = _page(client, agent_metropole)
    assert "Conventions à contresigner" in page
    assert "Conventions à signer" not in page


def test_the_agent_sees_the_deliverables_due(client, agent_vincennes):
    import datetime as dt

    from suivi.livrables import preparer_livrables
    from tests.suivi.factories import parcours_en_experimentation

    preparer_livrables(parcours_en_experimentation(fin=dt.date(2026, 6, 30)))
    page = _page(client, agent_vincennes)
    assert "Livrables à remettre" in page
    assert "à remettre au plus tard le " in page
