# SPDX-License-Identifier: EUPL-1.2
"""The application workflow: guards, legal acts logged, receipt numbers."""

import datetime as dt

import pytest
from django.utils import timezone

from audit.models import Evenement
from candidatures.models import Candidature
from core.workflow import TransitionRefusee, appliquer, graphe_mermaid, raisons_blocage
from tests.candidatures.factories import (
    CandidatureFactory,
    ParcoursPublieFactory,
    a_l_etat,
    completer,
)
from tests.factories import territoire

pytestmark = pytest.mark.django_db


def deposer(candidature, agent):
    return appliquer(candidature, "deposer", par=agent, etat_attendu="brouillon")


def instruire(candidature):
    """The deadline passed and the track closed: admissibility can be decided (issue 19.5)."""
    a_l_etat(candidature.parcours, "instruction")
    return candidature


def test_it_submits_a_complete_draft_with_a_number_and_the_time(
    brouillon_complet, agent_vincennes, django_capture_on_commit_callbacks
):
    avant = timezone.now()
    with django_capture_on_commit_callbacks(execute=False):
        candidature = deposer(brouillon_complet, agent_vincennes)
    assert avant <= candidature.deposee_le <= timezone.now()
    annee = timezone.localtime(candidature.deposee_le).year
    assert candidature.etat == Candidature.Etat.DEPOSEE
    assert candidature.numero == f"AM-{annee}-0001"
    assert candidature.deposee_par == agent_vincennes


def test_it_gives_each_submission_its_own_number(agent_vincennes, agent_montreuil):
    parcours = ParcoursPublieFactory()
    premiere = completer(CandidatureFactory(parcours=parcours, territoire=territoire("94080")))
    seconde = completer(CandidatureFactory(parcours=parcours, territoire=territoire("93048")))
    numeros = {deposer(premiere, agent_vincennes).numero, deposer(seconde, agent_montreuil).numero}
    assert len(numeros) == 2


def test_it_refuses_an_incomplete_draft_listing_what_is_missing(brouillon, agent_vincennes):
    with pytest.raises(TransitionRefusee) as refus:
        deposer(brouillon, agent_vincennes)
    texte = " ".join(refus.value.raisons)
    assert "Ressources humaines mobilisées" in texte
    assert "formulaire d'engagement signé" in texte


def test_it_refuses_submission_by_another_territoire(brouillon_complet, agent_montreuil):
    with pytest.raises(TransitionRefusee) as refus:
        deposer(brouillon_complet, agent_montreuil)
    assert "Vous n'avez pas le droit" in " ".join(refus.value.raisons)


def test_submission_is_a_logged_legal_act(brouillon_complet, agent_vincennes):
    deposer(brouillon_complet, agent_vincennes)
    evenement = Evenement.objects.pour(brouillon_complet).get(transition="deposer")
    assert evenement.acteur == agent_vincennes
    assert (evenement.etat_avant, evenement.etat_apres) == ("brouillon", "deposee")


def test_staff_can_ask_for_complements_with_a_date_then_the_applicant_resubmits(
    brouillon_complet,
    agent_vincennes,
    agent_metropole,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    deposer(brouillon_complet, agent_vincennes)
    avant = timezone.now() + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        candidature = appliquer(
            brouillon_complet,
            "demander_complements",
            par=agent_metropole,
            commentaire="Délibération autorisant la candidature",
            elements="Délibération autorisant la candidature",
            avant=avant,
        )
    assert candidature.etat == Candidature.Etat.A_COMPLETER
    assert candidature.complements_avant == avant
    assert any("compléter" in m.subject for m in mailoutbox)
    numero = candidature.numero
    with django_capture_on_commit_callbacks(execute=True):
        candidature = appliquer(candidature, "redeposer", par=agent_vincennes)
    assert candidature.etat == Candidature.Etat.DEPOSEE
    assert candidature.numero == numero
    assert any("Dossier complété reçu" in m.subject for m in mailoutbox)


def test_asking_for_complements_needs_items_and_a_future_date(
    brouillon_complet, agent_vincennes, agent_metropole
):
    deposer(brouillon_complet, agent_vincennes)
    with pytest.raises(TransitionRefusee) as refus:
        appliquer(brouillon_complet, "demander_complements", par=agent_metropole, avant=None)
    assert "éléments manquants" in " ".join(refus.value.raisons)
    assert Candidature.objects.get(pk=brouillon_complet.pk).etat == "deposee"


def test_non_admissibility_needs_a_reason(brouillon_complet, agent_vincennes, agent_metropole):
    instruire(deposer(brouillon_complet, agent_vincennes))
    with pytest.raises(TransitionRefusee) as refus:
        appliquer(brouillon_complet, "declarer_non_admissible", par=agent_metropole)
    assert "motif" in " ".join(refus.value.raisons)


def test_admissibility_decision_is_logged_and_notified(
    brouillon_complet,
    agent_vincennes,
    agent_metropole,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    instruire(deposer(brouillon_complet, agent_vincennes))
    with django_capture_on_commit_callbacks(execute=True):
        appliquer(
            brouillon_complet,
            "declarer_non_admissible",
            par=agent_metropole,
            commentaire="Territoire hors Métropole",
        )
    evenement = Evenement.objects.pour(brouillon_complet).get(transition="declarer_non_admissible")
    assert evenement.commentaire == "Territoire hors Métropole"
    message = [m for m in mailoutbox if "non admissible" in m.subject][0]
    assert "Territoire hors Métropole" in message.body
    assert "Télérecours" in message.body


def test_applicants_cannot_decide_admissibility(brouillon_complet, agent_vincennes):
    deposer(brouillon_complet, agent_vincennes)
    assert raisons_blocage(brouillon_complet, "declarer_admissible", agent_vincennes)


def test_committee_and_bureau_outcomes_follow_admissibility(
    brouillon_complet, agent_vincennes, agent_metropole
):
    c = instruire(deposer(brouillon_complet, agent_vincennes))
    for nom in ("declarer_admissible", "mettre_en_examen", "proposer", "selectionner"):
        c = appliquer(c, nom, par=agent_metropole)
    assert c.etat == Candidature.Etat.SELECTIONNEE
    assert raisons_blocage(c, "retirer", agent_vincennes)


def test_the_applicant_can_withdraw_until_the_decision(
    brouillon_complet, agent_vincennes, agent_metropole
):
    c = instruire(deposer(brouillon_complet, agent_vincennes))
    c = appliquer(c, "declarer_admissible", par=agent_metropole)
    c = appliquer(c, "retirer", par=agent_vincennes, commentaire="Changement de priorités")
    assert c.etat == Candidature.Etat.RETIREE


def test_the_diagram_is_generated_from_the_code():
    graphe = graphe_mermaid(Candidature, "etat")
    assert "brouillon --> deposee : Déposer la candidature" in graphe
    assert "a_completer --> deposee" in graphe


def test_the_documented_diagram_follows_the_code():
    from pathlib import Path

    from django.conf import settings

    doc = (Path(settings.BASE_DIR) / "docs" / "workflows" / "candidatures.md").read_text()
    assert graphe_mermaid(Candidature, "etat") in doc


def test_the_committee_president_records_proposals_but_not_the_bureau_decision(
    brouillon_complet, agent_vincennes, agent_metropole, president_comite
):
    c = instruire(deposer(brouillon_complet, agent_vincennes))
    c = appliquer(c, "declarer_admissible", par=agent_metropole)
    c = appliquer(c, "mettre_en_examen", par=agent_metropole)
    c = appliquer(c, "proposer", par=president_comite)
    assert raisons_blocage(c, "selectionner", president_comite)
    assert not raisons_blocage(c, "selectionner", agent_metropole)


def test_admissibility_waits_for_the_applications_to_close(
    brouillon_complet, agent_vincennes, agent_metropole
):
    """Issue 19.5: the receipt promises the checks from the closing of applications."""
    c = deposer(brouillon_complet, agent_vincennes)

    raisons = raisons_blocage(c, "declarer_admissible", agent_metropole)

    assert any("la recevabilité se vérifie à compter de leur clôture" in r for r in raisons)
    assert raisons_blocage(c, "declarer_non_admissible", agent_metropole)
    with pytest.raises(TransitionRefusee):
        appliquer(c, "declarer_admissible", par=agent_metropole)
    assert Candidature.objects.get(pk=c.pk).etat == "deposee"


def test_admissibility_is_open_from_the_deadline_before_the_periodic_closing(
    brouillon_complet, agent_vincennes, agent_metropole
):
    c = deposer(brouillon_complet, agent_vincennes)
    type(c.parcours).objects.filter(pk=c.parcours_id).update(
        date_limite=timezone.now() - dt.timedelta(seconds=1)
    )
    c = Candidature.objects.get(pk=c.pk)

    assert appliquer(c, "declarer_admissible", par=agent_metropole).etat == "admissible"
