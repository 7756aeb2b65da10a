# SPDX-License-Identifier: EUPL-1.2
from django.utils import timezone

from conventions import demo
from conventions.models import Convention
from notifications.models import Message
from tests.conventions.factories import beneficiaire, parcours_laureats
from tracks.models import Parcours


def test_the_demo_puts_conventions_in_force_and_sends_one_to_vincennes(
    agent_metropole, representant_vincennes
):
    en_experimentation = parcours_laureats(slug="reemploi-des-materiaux", titre="Réemploi")
    Parcours.objects.filter(pk=en_experimentation.pk).update(etat=Parcours.Etat.EXPERIMENTATION)
    beneficiaire(en_experimentation, "93048")
    beneficiaire(en_experimentation, "92012")
    beneficiaire(parcours_laureats(), "94080")
    comptes = {"agent_metropole": agent_metropole, "representant_vincennes": representant_vincennes}

    resume = demo.creer(comptes=comptes, maintenant=timezone.now())

    assert resume.startswith("2 convention(s) en vigueur, 0 exécutée(s), 1 envoyée pour signature")
    assert Convention.objects.filter(etat="en_vigueur").count() == 2
    vincennes = Convention.objects.get(candidature__territoire__code="94080")
    assert vincennes.etat == "envoyee"
    assert Message.objects.filter(
        gabarit="convention_a_signer", destinataire=representant_vincennes
    ).exists()
    assert demo.creer(comptes=comptes, maintenant=timezone.now()).startswith("0 convention")


def test_the_demo_marks_conventions_of_a_finished_track_executed(agent_metropole):
    import datetime as dt

    clos = parcours_laureats(
        experimentation_debut=dt.date(2025, 1, 6), experimentation_fin=dt.date(2025, 6, 30)
    )
    Parcours.objects.filter(pk=clos.pk).update(etat=Parcours.Etat.CLOS)
    beneficiaire(clos, "93048")

    resume = demo.creer(comptes={"agent_metropole": agent_metropole}, maintenant=timezone.now())

    assert resume.startswith("0 convention(s) en vigueur, 1 exécutée(s), aucune à envoyer")
    assert Convention.objects.get().etat == "completee"
