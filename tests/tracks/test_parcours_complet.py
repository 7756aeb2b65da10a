# SPDX-License-Identifier: EUPL-1.2
"""A track walked through all nine steps with the real data of the other apps."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from audit.models import Evenement
from candidatures.models import Candidature
from comite.models import DecisionBureau
from core.workflow import TransitionRefusee, appliquer, raisons_blocage
from tests.candidatures.factories import CandidatureFactory
from tests.candidatures.factories import a_l_etat as candidature_a_l_etat
from tests.conventions.factories import convention
from tests.factories import territoire
from tests.tracks.factories import (
    PDF_MINIMAL,
    ParcoursFactory,
    avec_ateliers,
    avec_cas_usage_retenu,
    avec_lancement,
    avec_marche,
    fichier_pdf,
)
from tracks.models import DocumentParcours, Parcours
from tracks.tasks import clore_candidatures_echues

E = Parcours.Etat
pytestmark = pytest.mark.django_db


def recharger(parcours) -> Parcours:
    return Parcours.objects.get(pk=parcours.pk)


def decision_bureau(parcours, staff) -> DecisionBureau:
    return DecisionBureau.objects.create(
        parcours=parcours,
        numero="BM2027/03/12/04",
        date=timezone.localdate(),
        document=ContentFile(PDF_MINIMAL, name="deliberation.pdf"),
        enregistree_par=staff,
    )


def dispenser_retours(parcours, beneficiaire) -> None:
    """Record the feedback and evaluation as waived (a recorded waiver, art. 8)."""
    from suivi.models import Livrable

    for nature in (Livrable.Nature.RETOUR, Livrable.Nature.EVALUATION):
        Livrable.objects.create(
            parcours=parcours,
            territoire=beneficiaire,
            nature=nature,
            echeance=timezone.localdate(),
            etat=Livrable.Etat.DISPENSE,
        )


def test_it_walks_a_track_through_the_nine_steps(client, agent_metropole, expert):
    staff = agent_metropole
    parcours = ParcoursFactory(pret_a_publier=True)
    # 1. Publication.
    parcours = appliquer(parcours, "publier", par=staff, etat_attendu=E.BROUILLON)
    vincennes = CandidatureFactory(parcours=parcours, etat=Candidature.Etat.DEPOSEE)
    montreuil = CandidatureFactory(
        parcours=parcours, territoire=territoire("93048"), etat=Candidature.Etat.DEPOSEE
    )
    # 2. Applications closed by the periodic task at the deadline; the rest follows in time.
    with time_machine.travel(parcours.date_limite, tick=True):
        assert clore_candidatures_echues() == 1
        parcours = _suite(parcours, staff, expert, vincennes, montreuil)
    assert parcours.etat == E.CLOS
    assert list(
        Evenement.objects.pour(parcours).transitions().values_list("etat_apres", flat=True)
    ) == [etat for _, etat, _ in Parcours.ETAPES] + ["clos"]
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert contenu.count("Atteinte le") == 9
    assert "Territoires sélectionnés" in contenu


def _suite(parcours, staff, expert, vincennes, montreuil) -> Parcours:
    """Steps 2 to 9, run at the deadline and after (the journal is in time order)."""
    parcours = recharger(parcours)
    assert parcours.etat == E.INSTRUCTION
    # 3. The Bureau's decision selects Vincennes.
    candidature_a_l_etat(vincennes, Candidature.Etat.SELECTIONNEE)
    candidature_a_l_etat(montreuil, Candidature.Etat.NON_SELECTIONNEE)
    assert "Bureau métropolitain" in raisons_blocage(parcours, "selectionner_laureats")[0]
    decision_bureau(parcours, staff)
    parcours = appliquer(parcours, "selectionner_laureats", par=staff)
    # 4. to 7.
    avec_lancement(parcours, territoire("94080"))
    parcours = appliquer(parcours, "tenir_lancement", par=staff)
    avec_ateliers(parcours, "7", "3.5")
    parcours = appliquer(parcours, "demarrer_phase1", par=staff)
    avec_cas_usage_retenu(parcours, expert)
    parcours = appliquer(parcours, "choisir_cas_usage", par=staff)
    avec_marche(parcours)
    parcours = appliquer(parcours, "choisir_prestataire", par=staff)
    # 8. Experimentation, once the beneficiary's convention is in force.
    debut = timezone.localdate() + dt.timedelta(days=7)
    Parcours.objects.filter(pk=parcours.pk).update(
        experimentation_debut=debut, experimentation_fin=debut + dt.timedelta(days=180)
    )
    parcours = recharger(parcours)
    # Read again: the convention takes the track's dates just set.
    la_convention = convention(Candidature.objects.get(pk=vincennes.pk), etat="envoyee")
    with pytest.raises(TransitionRefusee) as refus:
        appliquer(parcours, "demarrer_experimentation", par=staff)
    assert refus.value.raisons == ["Convention pas encore en vigueur pour : Vincennes."]
    candidature_a_l_etat(la_convention, "en_vigueur")
    parcours = appliquer(parcours, "demarrer_experimentation", par=staff)
    # 9. Assessment at the end date, then closed with the report.
    with time_machine.travel(debut + dt.timedelta(days=181), tick=False):
        parcours = appliquer(parcours, "passer_au_bilan", par=staff)
        DocumentParcours.objects.create(
            parcours=parcours, nature="rapport_bilan", fichier=fichier_pdf("bilan.pdf")
        )
        Parcours.objects.filter(pk=parcours.pk).update(synthese_bilan="Objectifs atteints.")
        parcours = recharger(parcours)
        raisons = raisons_blocage(parcours, "clore", staff)
        if raisons:  # the suivi app waits for the beneficiary's feedback and evaluation (art. 8)
            assert raisons == [
                "Retour d'expérience ou évaluation attendu de : Vincennes (retour d'expérience, "
                "évaluation)."
            ]
            dispenser_retours(parcours, territoire("94080"))
        parcours = appliquer(parcours, "clore", par=staff)
    return parcours
