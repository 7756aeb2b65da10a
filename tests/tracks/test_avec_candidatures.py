# SPDX-License-Identifier: EUPL-1.2
"""The track guards and pages that read the candidatures app."""

import pytest
from django.urls import NoReverseMatch, reverse

from core.workflow import TransitionRefusee, appliquer, raisons_blocage
from tests.candidatures.factories import CandidatureFactory
from tests.factories import connecter, territoire
from tests.tracks.factories import ParcoursFactory, a_l_etat, completer
from tracks.models import Parcours

E = Parcours.Etat
pytestmark = pytest.mark.django_db


def test_it_refuses_to_unpublish_once_an_application_exists(agent_metropole):
    parcours = a_l_etat(completer(ParcoursFactory()), E.PUBLIE)
    CandidatureFactory(parcours=parcours)
    with pytest.raises(TransitionRefusee) as exc:
        appliquer(parcours, "depublier", par=agent_metropole, commentaire="erreur")
    assert exc.value.raisons == [
        "Des candidatures existent déjà pour ce parcours : il ne peut plus être dépublié."
    ]
    assert Parcours.objects.get(pk=parcours.pk).etat == E.PUBLIE


@pytest.mark.parametrize("etat", ["deposee", "admissible", "a_completer", "proposee"])
def test_it_refuses_to_end_without_follow_up_while_an_application_may_succeed(
    agent_metropole, etat
):
    parcours = a_l_etat(ParcoursFactory(), E.INSTRUCTION)
    CandidatureFactory(parcours=parcours, etat=etat)
    assert raisons_blocage(parcours, "classer_sans_suite", agent_metropole) == [
        "Au moins une candidature est admissible ou encore en cours d'instruction : "
        "le parcours ne peut pas être classé sans suite."
    ]


@pytest.mark.parametrize("etat", ["non_admissible", "retiree", "brouillon", "non_selectionnee"])
def test_it_ends_without_follow_up_when_no_application_can_succeed(agent_metropole, etat):
    parcours = a_l_etat(ParcoursFactory(), E.INSTRUCTION)
    CandidatureFactory(parcours=parcours, etat=etat)
    parcours = appliquer(parcours, "classer_sans_suite", par=agent_metropole, commentaire="Rien")
    assert parcours.etat == E.SANS_SUITE


def test_a_selected_application_alone_does_not_make_a_bureau_decision(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.INSTRUCTION)
    CandidatureFactory(parcours=parcours, etat="selectionnee")
    raisons = raisons_blocage(parcours, "selectionner_laureats", agent_metropole)
    assert len(raisons) == 1
    assert "Bureau métropolitain" in raisons[0]


def test_the_experimentation_waits_for_the_conventions(agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.PRESTATAIRE)
    CandidatureFactory(parcours=parcours, etat="selectionnee")
    raisons = raisons_blocage(parcours, "demarrer_experimentation", agent_metropole)
    assert any("onvention" in raison for raison in raisons)


def test_the_track_page_lists_the_selected_territoires(client):
    parcours = a_l_etat(completer(ParcoursFactory()), E.LAUREATS)
    CandidatureFactory(parcours=parcours, etat="selectionnee")
    CandidatureFactory(parcours=parcours, territoire=territoire("93048"), etat="non_selectionnee")
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert "Territoires sélectionnés" in contenu
    assert "Vincennes" in contenu
    assert "Montreuil" not in contenu


def test_the_selected_territoires_stay_hidden_before_the_decision(client):
    parcours = a_l_etat(completer(ParcoursFactory()), E.INSTRUCTION)
    CandidatureFactory(parcours=parcours, etat="selectionnee")
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    assert "Territoires sélectionnés" not in contenu


def test_a_signed_in_agent_gets_the_apply_button(client, agent_vincennes):
    parcours = a_l_etat(completer(ParcoursFactory()), E.PUBLIE)
    connecter(client, agent_vincennes)
    contenu = client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode()
    try:
        url = reverse("candidatures:demarrer", args=[parcours.slug])
    except NoReverseMatch:  # the candidatures view is not there yet
        pytest.skip("candidatures:demarrer n'existe pas encore")
    assert url in contenu


def test_stopping_an_experimentation_notifies_each_beneficiary_with_appeal_routes(
    agent_metropole,
    agent_vincennes,
    representant_vincennes,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    parcours = a_l_etat(ParcoursFactory(), E.EXPERIMENTATION)
    CandidatureFactory(parcours=parcours, etat="selectionnee")
    CandidatureFactory(parcours=parcours, territoire=territoire("93048"), etat="non_selectionnee")
    with django_capture_on_commit_callbacks(execute=True):
        appliquer(parcours, "arreter", par=agent_metropole, commentaire="Prestataire défaillant")
    assert [m.to for m in mailoutbox] == [[representant_vincennes.email]]
    corps = mailoutbox[0].body
    assert "Prestataire défaillant" in corps
    assert "Télérecours citoyens" in corps
    assert "deux mois" in corps


def test_a_refused_stop_sends_nothing(agent_metropole, mailoutbox):
    parcours = a_l_etat(ParcoursFactory(), E.EXPERIMENTATION)
    CandidatureFactory(parcours=parcours, etat="selectionnee")
    with pytest.raises(TransitionRefusee):
        appliquer(parcours, "arreter", par=agent_metropole, commentaire="")
    from notifications.models import Message

    assert not Message.objects.exists()


def test_starting_the_experimentation_prepares_each_beneficiarys_deliverables(
    agent_metropole, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from suivi.models import Livrable
    from tests.candidatures.factories import a_l_etat as candidature_a_l_etat
    from tests.conventions.factories import convention

    debut = timezone.localdate() + dt.timedelta(days=7)
    parcours = a_l_etat(
        ParcoursFactory(
            experimentation_debut=debut, experimentation_fin=debut + dt.timedelta(days=180)
        ),
        E.PRESTATAIRE,
    )
    for code in ("94080", "93048"):
        candidature = CandidatureFactory(
            parcours=parcours, territoire=territoire(code), etat="selectionnee"
        )
        candidature_a_l_etat(convention(candidature), "en_vigueur")
    with django_capture_on_commit_callbacks(execute=True) as rappels:
        appliquer(parcours, "demarrer_experimentation", par=agent_metropole)
    for rappel in rappels:  # run twice: the preparation is idempotent
        rappel()
    livrables = Livrable.objects.filter(parcours=parcours)
    assert sorted(livrables.values_list("territoire__code", "nature")) == sorted(
        (code, nature) for code in ("94080", "93048") for nature in Livrable.Nature.values
    )
