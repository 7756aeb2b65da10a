# SPDX-License-Identifier: EUPL-1.2
"""The nine steps of art. 2 and the side exits, run through core.workflow.appliquer."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from audit.models import Evenement
from core.workflow import TransitionRefusee, appliquer, raisons_blocage
from tests.factories import territoire
from tests.tracks.factories import (
    ParcoursFactory,
    a_l_etat,
    avec_ateliers,
    avec_cas_usage_retenu,
    avec_lancement,
    avec_marche,
    fichier_pdf,
)
from tracks.models import DocumentParcours, Parcours, PonderationCritere

E = Parcours.Etat
pytestmark = pytest.mark.django_db


def refus(parcours, nom, user, **kwargs) -> list[str]:
    """Run a transition expected to fail; return its reasons and check nothing changed."""
    avant = parcours.etat
    with pytest.raises(TransitionRefusee) as exc:
        appliquer(parcours, nom, par=user, etat_attendu=avant, **kwargs)
    assert Parcours.objects.get(pk=parcours.pk).etat == avant
    return exc.value.raisons


def test_it_publishes_a_complete_draft(parcours_pret, agent_metropole):
    parcours = appliquer(parcours_pret, "publier", par=agent_metropole, etat_attendu=E.BROUILLON)
    assert parcours.etat == E.PUBLIE


def test_it_logs_who_published_from_which_state_to_which(parcours_pret, agent_metropole):
    appliquer(parcours_pret, "publier", par=agent_metropole, commentaire="Appel 2026")
    evenement = Evenement.objects.pour(parcours_pret).transitions().get()
    assert (evenement.acteur, evenement.etat_avant, evenement.etat_apres) == (
        agent_metropole,
        "brouillon",
        "publie",
    )
    assert evenement.commentaire == "Appel 2026"


def test_it_refuses_publication_with_a_past_deadline(parcours_pret, agent_metropole):
    Parcours.objects.filter(pk=parcours_pret.pk).update(
        date_limite=timezone.now() - dt.timedelta(minutes=1)
    )
    parcours_pret = Parcours.objects.get(pk=parcours_pret.pk)
    assert refus(parcours_pret, "publier", agent_metropole) == [
        "La date limite de candidature est déjà passée : fixez une date future."
    ]


def test_it_refuses_publication_without_the_application_documents(agent_metropole):
    parcours = ParcoursFactory(pret_a_publier=True)
    parcours.documents.filter(nature="reglement").delete()
    assert refus(parcours, "publier", agent_metropole) == [
        "Documents à joindre avant publication : Règlement du programme."
    ]


def test_it_refuses_publication_with_an_incomplete_grid(agent_metropole):
    parcours = ParcoursFactory(pret_a_publier=True)
    PonderationCritere.objects.filter(parcours=parcours, critere="motivation").delete()
    raisons = refus(parcours, "publier", agent_metropole)
    assert raisons == [
        "La grille de notation doit pondérer les six critères de l'article 5.2 (5 sur 6 renseignés)."
    ]


def test_it_refuses_publication_by_an_agent_of_a_commune(parcours_pret, agent_vincennes):
    assert refus(parcours_pret, "publier", agent_vincennes) == [
        "Vous n'avez pas le droit d'effectuer cette action."
    ]


def test_it_refuses_a_transition_posted_twice(parcours_pret, agent_metropole):
    appliquer(parcours_pret, "publier", par=agent_metropole, etat_attendu=E.BROUILLON)
    with pytest.raises(TransitionRefusee) as exc:
        appliquer(parcours_pret, "publier", par=agent_metropole, etat_attendu=E.BROUILLON)
    assert "déjà été faite" in exc.value.raisons[0]
    assert Evenement.objects.pour(parcours_pret).transitions().count() == 1


def test_it_unpublishes_while_nobody_applied(parcours_pret, agent_metropole):
    parcours_pret = a_l_etat(parcours_pret, E.PUBLIE)
    parcours = appliquer(
        parcours_pret, "depublier", par=agent_metropole, commentaire="Publié par erreur"
    )
    assert parcours.etat == E.BROUILLON


def test_it_refuses_closing_applications_before_the_deadline(parcours_pret, agent_metropole):
    parcours_pret = a_l_etat(parcours_pret, E.PUBLIE)
    assert refus(parcours_pret, "clore_candidatures", agent_metropole) == [
        "La date limite de candidature n'est pas encore passée."
    ]


def test_it_closes_applications_once_the_deadline_passed(parcours_pret, agent_metropole):
    parcours_pret = a_l_etat(parcours_pret, E.PUBLIE)
    with time_machine.travel(parcours_pret.date_limite, tick=False):
        parcours = appliquer(parcours_pret, "clore_candidatures", par=agent_metropole)
    assert parcours.etat == E.INSTRUCTION


def test_it_refuses_selection_without_bureau_decision_nor_laureate(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(pret_a_publier=True), E.INSTRUCTION)
    raisons = refus(parcours, "selectionner_laureats", agent_metropole)
    assert len(raisons) == 2
    assert "Bureau métropolitain" in raisons[0]
    assert raisons[1] == "Aucune candidature n'est sélectionnée."


def test_it_refuses_the_kickoff_without_attendance(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.LAUREATS)
    assert refus(parcours, "tenir_lancement", agent_metropole) == [
        "La date de la réunion de lancement n'est pas renseignée."
    ]


def test_it_records_the_kickoff_held(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.LAUREATS)
    avec_lancement(parcours, territoire("94080"))
    assert appliquer(parcours, "tenir_lancement", par=agent_metropole).etat == E.LANCEMENT


def test_it_refuses_a_phase1_of_three_days(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.LANCEMENT)
    avec_ateliers(parcours, "7", "7", "7")
    assert refus(parcours, "demarrer_phase1", agent_metropole) == [
        "Les ateliers de la phase 1 totalisent 21 h, soit 3 jour(s) : il faut entre 1,5 et 2 "
        "jours (10,5 à 14 heures)."
    ]


def test_it_refuses_a_phase1_of_one_day(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.LANCEMENT)
    avec_ateliers(parcours, "3.5", "3.5")
    assert "il faut entre 1,5 et 2 jours" in refus(parcours, "demarrer_phase1", agent_metropole)[0]


@pytest.mark.parametrize("durees", [("7", "3.5"), ("7", "7"), ("3.5", "3.5", "3.5", "3.5")])
def test_it_starts_phase1_with_one_and_a_half_to_two_days(agent_metropole, durees):
    parcours = a_l_etat(ParcoursFactory(), E.LANCEMENT)
    avec_ateliers(parcours, *durees)
    assert appliquer(parcours, "demarrer_phase1", par=agent_metropole).etat == E.PHASE1


def test_it_refuses_the_use_case_without_proposal_nor_expert_opinion(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.PHASE1)
    assert refus(parcours, "choisir_cas_usage", agent_metropole) == [
        "Aucun cas d'usage n'a été proposé.",
        "L'avis écrit du comité d'experts sur les cas d'usage n'est pas enregistré.",
        "Aucun cas d'usage n'est marqué comme retenu.",
    ]


def test_it_chooses_the_use_case_after_the_expert_opinion(agent_metropole, expert):
    parcours = a_l_etat(ParcoursFactory(), E.PHASE1)
    avec_cas_usage_retenu(parcours, expert)
    assert appliquer(parcours, "choisir_cas_usage", par=agent_metropole).etat == E.CAS_USAGE


def test_it_refuses_the_provider_without_any_provider(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.CAS_USAGE)
    avec_marche(parcours, prestataire=False)
    assert refus(parcours, "choisir_prestataire", agent_metropole) == [
        "Aucun prestataire n'est enregistré pour le marché en cours."
    ]


def test_it_records_the_provider_chosen(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.CAS_USAGE)
    avec_marche(parcours)
    assert appliquer(parcours, "choisir_prestataire", par=agent_metropole).etat == E.PRESTATAIRE


def test_it_relaunches_an_unsuccessful_procurement(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.CAS_USAGE)
    marche = avec_marche(parcours)
    appliquer(parcours, "declarer_infructueux", par=agent_metropole, commentaire="Aucune offre")
    marche.refresh_from_db()
    assert marche.infructueux
    parcours = appliquer(parcours, "relancer_marche", par=agent_metropole)
    assert parcours.etat == E.CAS_USAGE
    assert refus(parcours, "choisir_prestataire", agent_metropole) == [
        "La référence du marché public n'est pas renseignée."
    ]


def test_it_ends_without_follow_up_after_an_unsuccessful_procurement(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.CAS_USAGE)
    avec_marche(parcours)
    appliquer(parcours, "declarer_infructueux", par=agent_metropole, commentaire="Aucune offre")
    parcours = appliquer(
        parcours, "classer_sans_suite", par=agent_metropole, commentaire="Pas de relance"
    )
    assert parcours.etat == E.SANS_SUITE


def test_it_ends_without_follow_up_when_nobody_applied(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.INSTRUCTION)
    parcours = appliquer(parcours, "classer_sans_suite", par=agent_metropole, commentaire="Aucune")
    assert parcours.etat == E.SANS_SUITE


def test_it_refuses_an_experimentation_of_thirteen_months(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.PRESTATAIRE)
    Parcours.objects.filter(pk=parcours.pk).update(
        experimentation_debut=dt.date(2027, 1, 15), experimentation_fin=dt.date(2028, 2, 15)
    )
    parcours = Parcours.objects.get(pk=parcours.pk)
    raisons = refus(parcours, "demarrer_experimentation", agent_metropole)
    assert raisons[0] == "L'expérimentation ne peut pas durer plus de 12 mois."


def test_it_refuses_an_experimentation_shorter_than_a_month(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.PRESTATAIRE)
    Parcours.objects.filter(pk=parcours.pk).update(
        experimentation_debut=dt.date(2027, 1, 31), experimentation_fin=dt.date(2027, 2, 27)
    )
    parcours = Parcours.objects.get(pk=parcours.pk)
    assert refus(parcours, "demarrer_experimentation", agent_metropole)[0] == (
        "L'expérimentation doit durer au moins 1 mois."
    )


def test_it_accepts_twelve_months_exactly():
    parcours = ParcoursFactory(
        experimentation_debut=dt.date(2027, 1, 15), experimentation_fin=dt.date(2028, 1, 15)
    )
    from tracks.gardes import dates_experimentation_valides

    assert dates_experimentation_valides(parcours) is None


def test_it_refuses_to_stop_an_experimentation_without_a_reason(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.EXPERIMENTATION)
    assert refus(parcours, "arreter", agent_metropole, commentaire="  ") == [
        "Le motif de l'arrêt de l'expérimentation est obligatoire."
    ]


def test_it_stops_an_experimentation_early_with_its_reason(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.EXPERIMENTATION)
    parcours = appliquer(
        parcours, "arreter", par=agent_metropole, commentaire="Prestataire défaillant"
    )
    assert (parcours.etat, parcours.motif_arret) == (E.ARRETE, "Prestataire défaillant")


def test_it_goes_to_assessment_after_a_stop(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.ARRETE)
    assert appliquer(parcours, "passer_au_bilan", par=agent_metropole).etat == E.BILAN


def test_it_refuses_the_assessment_before_the_end_date(agent_metropole):
    parcours = a_l_etat(
        ParcoursFactory(experimentation_fin=timezone.localdate() + dt.timedelta(days=1)),
        E.EXPERIMENTATION,
    )
    assert refus(parcours, "passer_au_bilan", agent_metropole) == [
        "La date de fin de l'expérimentation n'est pas encore atteinte."
    ]


def test_it_goes_to_assessment_on_the_end_date(agent_metropole):
    parcours = a_l_etat(
        ParcoursFactory(experimentation_fin=timezone.localdate()), E.EXPERIMENTATION
    )
    assert appliquer(parcours, "passer_au_bilan", par=agent_metropole).etat == E.BILAN


def test_it_refuses_to_close_without_the_assessment_report(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.BILAN)
    assert refus(parcours, "clore", agent_metropole) == ["Le rapport de bilan n'est pas joint."]


def test_it_closes_with_the_report_and_its_summary(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(synthese_bilan="Économies de 12 %."), E.BILAN)
    DocumentParcours.objects.create(
        parcours=parcours, nature="rapport_bilan", fichier=fichier_pdf("bilan.pdf")
    )
    assert appliquer(parcours, "clore", par=agent_metropole).etat == E.CLOS


def test_it_walks_the_first_steps_from_draft_to_instruction(parcours_pret, agent_metropole):
    parcours = appliquer(parcours_pret, "publier", par=agent_metropole)
    with time_machine.travel(parcours.date_limite + dt.timedelta(seconds=1), tick=False):
        parcours = appliquer(parcours, "clore_candidatures", par=agent_metropole)
    etats = list(
        Evenement.objects.pour(parcours).transitions().values_list("etat_apres", flat=True)
    )
    assert etats == ["publie", "instruction"]


def test_it_walks_from_laureates_to_closed(agent_metropole, expert):
    parcours = a_l_etat(ParcoursFactory(), E.LAUREATS)
    avec_lancement(parcours, territoire("94080"))
    appliquer(parcours, "tenir_lancement", par=agent_metropole)
    avec_ateliers(parcours, "7", "3.5")
    appliquer(parcours, "demarrer_phase1", par=agent_metropole)
    avec_cas_usage_retenu(parcours, expert)
    appliquer(parcours, "choisir_cas_usage", par=agent_metropole)
    avec_marche(parcours)
    appliquer(parcours, "choisir_prestataire", par=agent_metropole)
    # Step 8 needs the conventions app (every beneficiary's convention in force).
    parcours = a_l_etat(parcours, E.EXPERIMENTATION)
    Parcours.objects.filter(pk=parcours.pk).update(
        experimentation_debut=timezone.localdate() - dt.timedelta(days=90),
        experimentation_fin=timezone.localdate(),
        synthese_bilan="Bilan positif.",
    )
    parcours = Parcours.objects.get(pk=parcours.pk)
    appliquer(parcours, "passer_au_bilan", par=agent_metropole)
    DocumentParcours.objects.create(
        parcours=parcours, nature="rapport_bilan", fichier=fichier_pdf("bilan.pdf")
    )
    parcours = appliquer(parcours, "clore", par=agent_metropole)
    assert parcours.etat == E.CLOS
    assert Evenement.objects.pour(parcours).transitions().count() == 6


def test_the_feedback_hook_holds_when_no_beneficiary_is_expected():
    assert ParcoursFactory()._retours_beneficiaires_recus() is None


# Every transition, from its source state, is refused to a commune's agent. -------------------

TRANSITIONS = [
    ("publier", E.BROUILLON),
    ("depublier", E.PUBLIE),
    ("clore_candidatures", E.PUBLIE),
    ("selectionner_laureats", E.INSTRUCTION),
    ("tenir_lancement", E.LAUREATS),
    ("demarrer_phase1", E.LANCEMENT),
    ("choisir_cas_usage", E.PHASE1),
    ("choisir_prestataire", E.CAS_USAGE),
    ("declarer_infructueux", E.CAS_USAGE),
    ("relancer_marche", E.INFRUCTUEUX),
    ("demarrer_experimentation", E.PRESTATAIRE),
    ("arreter", E.EXPERIMENTATION),
    ("passer_au_bilan", E.EXPERIMENTATION),
    ("passer_au_bilan", E.ARRETE),
    ("clore", E.BILAN),
    ("classer_sans_suite", E.INSTRUCTION),
    ("classer_sans_suite", E.INFRUCTUEUX),
]


@pytest.mark.parametrize(("nom", "source"), TRANSITIONS)
def test_it_refuses_every_transition_to_a_non_staff_user(agent_vincennes, nom, source):
    parcours = a_l_etat(ParcoursFactory(), source)
    raisons = refus(parcours, nom, agent_vincennes, commentaire="essai")
    assert "Vous n'avez pas le droit d'effectuer cette action." in raisons


@pytest.mark.parametrize("nom", sorted({nom for nom, _ in TRANSITIONS}))
def test_it_explains_why_a_transition_is_impossible_from_another_state(nom):
    parcours = a_l_etat(ParcoursFactory(), E.CLOS)
    assert raisons_blocage(parcours, nom) == ["Cette action n'est pas possible à l'étape « Clos »."]


def test_it_counts_phase1_in_hours_of_seven_hour_days():
    from tracks.gardes import PHASE1_MAX_HEURES, PHASE1_MIN_HEURES

    assert (Decimal("10.5"), Decimal("14")) == (PHASE1_MIN_HEURES, PHASE1_MAX_HEURES)


def test_it_walks_the_early_stop_exit_to_the_end(agent_metropole):
    parcours = a_l_etat(
        ParcoursFactory(experimentation_fin=timezone.localdate() + dt.timedelta(days=90)),
        E.EXPERIMENTATION,
    )
    parcours = appliquer(
        parcours, "arreter", par=agent_metropole, commentaire="Solution non fiable"
    )
    parcours = appliquer(parcours, "passer_au_bilan", par=agent_metropole)
    DocumentParcours.objects.create(
        parcours=parcours, nature="rapport_bilan", fichier=fichier_pdf("bilan.pdf")
    )
    Parcours.objects.filter(pk=parcours.pk).update(synthese_bilan="Arrêt motivé, enseignements.")
    parcours = appliquer(Parcours.objects.get(pk=parcours.pk), "clore", par=agent_metropole)
    etats = list(
        Evenement.objects.pour(parcours).transitions().values_list("etat_apres", flat=True)
    )
    assert etats == ["arrete", "bilan", "clos"]
    assert parcours.motif_arret == "Solution non fiable"
