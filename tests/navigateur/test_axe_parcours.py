# SPDX-License-Identifier: EUPL-1.2
"""axe-core: no WCAG 2.1 A/AA violation on the application journey's pages (COMPLIANCE 3).

The catalogue and the track page seen anonymously are checked in tests/tracks; here the
pages an agent and a committee member see: the track page signed in, the application form
(empty, with errors, submitted), the attachments, the summary, the acknowledgement and the
admin scoring page.
"""

import pytest
from django.urls import reverse

from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
from tests.tracks.factories import completer as completer_parcours
from tracks.criteres import Critere

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def brouillon(agent_vincennes):
    parcours = completer_parcours(ParcoursPublieFactory())
    return CandidatureFactory(parcours=parcours)


@pytest.fixture
def deposee(brouillon, agent_vincennes):
    from core.workflow import appliquer

    return appliquer(completer(brouillon, par=agent_vincennes), "deposer", par=agent_vincennes)


def test_the_track_page_seen_by_an_agent_has_no_axe_violation(
    verifier_axe, brouillon, agent_vincennes
):
    verifier_axe(reverse("tracks:detail", args=[brouillon.parcours.slug]), user=agent_vincennes)


def test_the_empty_application_form_has_no_axe_violation(verifier_axe, brouillon, agent_vincennes):
    verifier_axe(reverse("candidatures:modifier", args=[brouillon.pk]), user=agent_vincennes)


def test_the_application_form_with_errors_has_no_axe_violation(
    verifier_axe, brouillon, agent_vincennes
):
    def erreur(page):
        page.locator("[name=contact_email]").fill("pas-une-adresse")
        with page.expect_navigation():
            page.get_by_role("button", name="Enregistrer le brouillon").click()
        assert page.locator("[aria-invalid=true]").count() >= 1

    verifier_axe(
        reverse("candidatures:modifier", args=[brouillon.pk]), user=agent_vincennes, avant=erreur
    )


def test_the_attachments_and_summary_pages_have_no_axe_violation(
    verifier_axe, brouillon, agent_vincennes
):
    verifier_axe(reverse("candidatures:pieces", args=[brouillon.pk]), user=agent_vincennes)
    verifier_axe(reverse("candidatures:recapitulatif", args=[brouillon.pk]), user=agent_vincennes)


def test_the_submitted_application_and_its_receipt_have_no_axe_violation(
    verifier_axe, deposee, agent_vincennes
):
    verifier_axe(reverse("candidatures:detail", args=[deposee.pk]), user=agent_vincennes)
    verifier_axe(reverse("candidatures:accuse", args=[deposee.pk]), user=agent_vincennes)
    verifier_axe(reverse("candidatures:mes_candidatures"), user=agent_vincennes)


@pytest.fixture
def seance_ouverte(membre_comite):
    """An open sitting with one application on the agenda, the member convened."""
    from comite.seances import constituer_ordre_du_jour
    from tests.comite.factories import (
        SessionFactory,
        candidature_admissible,
        convoquer,
        ouverte,
        parcours_en_instruction,
    )
    from tests.factories import UserFactory

    parcours = parcours_en_instruction()
    candidature_admissible(parcours, "94080")
    session = SessionFactory(president=UserFactory(president_comite=True))
    session.parcours.add(parcours)
    convoquer(session, session.president, membre_comite)
    constituer_ordre_du_jour(session)
    return ouverte(session)


def test_the_admin_scoring_page_has_no_axe_violation(verifier_axe, seance_ouverte, membre_comite):
    point = seance_ouverte.points.get()
    verifier_axe(
        reverse("admin:comite_grille_notation", args=[seance_ouverte.pk, point.pk]),
        user=membre_comite,
    )


def test_the_scores_matrix_has_no_axe_violation(verifier_axe, seance_ouverte, membre_comite):
    from tests.comite.factories import noter

    point = seance_ouverte.points.get()
    noter(point, seance_ouverte.president, {**{c.value: 3 for c in Critere}, "contexte": 0})
    noter(point, membre_comite, 3)
    verifier_axe(
        reverse("admin:comite_grille_notation", args=[seance_ouverte.pk, point.pk]),
        user=membre_comite,
    )


def test_the_admin_agenda_of_a_member_has_no_axe_violation(
    verifier_axe, seance_ouverte, membre_comite
):
    verifier_axe(
        reverse("admin:comite_liste_notation", args=[seance_ouverte.pk]), user=membre_comite
    )


def test_the_committee_confirmation_pages_have_no_axe_violation(
    verifier_axe, seance_ouverte, membre_comite
):
    """Issue 19.2: submitting the scores and closing the sitting ask on their own page."""
    from tests.comite.factories import noter

    point = seance_ouverte.points.get()
    noter(point, membre_comite, 3, soumettre=False)
    verifier_axe(
        reverse("admin:comite_soumettre_notation", args=[seance_ouverte.pk, point.pk]),
        user=membre_comite,
    )
    verifier_axe(
        reverse("admin:comite_cloturer", args=[seance_ouverte.pk]), user=seance_ouverte.president
    )


def test_the_deadline_change_page_has_no_axe_violation(verifier_axe, agent_metropole):
    """Issue 19.4: moving a published deadline has its own form."""
    from tests.candidatures.factories import ParcoursPublieFactory

    parcours = ParcoursPublieFactory()
    verifier_axe(
        reverse("admin:tracks_parcours_reporter_date_limite", args=[parcours.pk]),
        user=agent_metropole,
    )
