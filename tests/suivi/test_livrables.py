# SPDX-License-Identifier: EUPL-1.2
"""Deliverables of phase 2: due dates, submission, staff review, closing the track."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from core.workflow import TransitionRefusee, appliquer, raisons_blocage
from notifications.models import Message
from notifications.rappels import planifier_rappels
from suivi.livrables import preparer_livrables
from suivi.models import Livrable
from suivi.retours import retours_manquants
from tests.candidatures.factories import a_l_etat
from tests.factories import connecter
from tests.suivi.factories import remplir

pytestmark = pytest.mark.django_db


def test_it_derives_due_dates_from_the_end_of_the_experimentation(livrables_vincennes):
    assert {n: liv.echeance for n, liv in livrables_vincennes.items()} == {
        "donnees_partagees": dt.date(2026, 6, 30),
        "retour_experience": dt.date(2026, 7, 30),
        "evaluation": dt.date(2026, 8, 30),
    }


def test_it_owes_deliverables_only_from_selected_territoires(parcours_phase2, livrables_vincennes):
    assert set(Livrable.objects.values_list("territoire__code", flat=True)) == {"94080"}


def test_it_moves_due_dates_still_owed_when_the_end_changes(parcours_phase2, livrables_vincennes):
    parcours_phase2.experimentation_fin = dt.date(2026, 7, 31)
    parcours_phase2.save()

    assert preparer_livrables(parcours_phase2) == 0

    assert Livrable.objects.get(pk=livrables_vincennes["evaluation"].pk).echeance == dt.date(
        2026, 9, 30
    )


def test_it_follows_the_offsets_set_by_the_programme(settings, parcours_phase2):
    settings.SUIVI_DELAIS_LIVRABLES_MOIS = {"evaluation": 3}

    preparer_livrables(parcours_phase2)

    assert Livrable.objects.get(nature="evaluation").echeance == dt.date(2026, 9, 30)


def test_it_flags_an_overdue_deliverable(livrables_vincennes):
    with time_machine.travel(dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC)):
        assert livrables_vincennes["donnees_partagees"].en_retard
        assert not livrables_vincennes["retour_experience"].en_retard
        assert list(Livrable.objects.en_retard()) == [livrables_vincennes["donnees_partagees"]]


def test_it_reminds_the_agents_of_an_overdue_deliverable_once_a_week(
    livrables_vincennes, agent_vincennes, agent_montreuil
):
    moment = dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC)

    planifier_rappels(maintenant=moment)
    planifier_rappels(maintenant=moment + dt.timedelta(hours=3))

    retards = Message.objects.filter(gabarit="rappel_livrable_en_retard")
    assert [m.destinataire for m in retards] == [agent_vincennes]
    planifier_rappels(maintenant=moment + dt.timedelta(days=7))
    assert Message.objects.filter(gabarit="rappel_livrable_en_retard").count() == 2


def test_it_reminds_before_the_due_date(livrables_vincennes, agent_vincennes):
    planifier_rappels(maintenant=dt.datetime(2026, 7, 20, 9, tzinfo=dt.UTC))

    message = Message.objects.get(gabarit="rappel_livrable")
    assert message.destinataire == agent_vincennes
    assert "dans 10 jours" in message.sujet


def test_it_lets_an_agent_of_the_beneficiary_submit_a_complete_deliverable(
    client, livrables_vincennes, agent_vincennes
):
    livrable = remplir(livrables_vincennes["retour_experience"])
    connecter(client, agent_vincennes)

    client.post(f"/suivi/livrables/{livrable.pk}/remettre/", {"etat": "a_remettre"})

    livrable = Livrable.objects.get(pk=livrable.pk)
    assert (livrable.etat, livrable.remis_par) == ("remis", agent_vincennes)


def test_it_refuses_an_incomplete_deliverable_with_what_is_missing(
    client, livrables_vincennes, agent_vincennes
):
    livrable = livrables_vincennes["evaluation"]
    connecter(client, agent_vincennes)

    reponse = client.post(
        f"/suivi/livrables/{livrable.pk}/remettre/", {"etat": "a_remettre"}, follow=True
    )

    assert "la valeur de « Demandes traitées sans relance »" in reponse.content.decode()
    livrable = Livrable.objects.get(pk=livrable.pk)
    assert livrable.etat == "a_remettre"


def test_it_hides_a_deliverable_from_another_territoire(
    client, livrables_vincennes, agent_montreuil
):
    livrable = remplir(livrables_vincennes["retour_experience"])
    connecter(client, agent_montreuil)

    assert client.get(f"/suivi/livrables/{livrable.pk}/").status_code == 404
    assert (
        client.post(f"/suivi/livrables/{livrable.pk}/", {"recommandations": "x"}).status_code == 404
    )
    assert (
        client.post(f"/suivi/livrables/{livrable.pk}/remettre/", {"etat": "a_remettre"}).status_code
        == 404
    )
    livrable = Livrable.objects.get(pk=livrable.pk)
    assert (livrable.etat, livrable.recommandations) == (
        "a_remettre",
        "Former les agents dès la phase 1.",
    )


def test_it_refuses_a_late_deliverable_once_the_track_is_closed(
    client, parcours_phase2, livrables_vincennes, agent_vincennes
):
    livrable = remplir(livrables_vincennes["retour_experience"])
    a_l_etat(parcours_phase2, "clos")
    connecter(client, agent_vincennes)

    reponse = client.post(
        f"/suivi/livrables/{livrable.pk}/remettre/", {"etat": "a_remettre"}, follow=True
    )

    assert (
        "est clos : il n&#x27;est plus possible de remettre ce livrable" in reponse.content.decode()
    )
    livrable = Livrable.objects.get(pk=livrable.pk)
    assert livrable.etat == "a_remettre"


def test_it_refuses_editing_a_draft_once_the_track_is_closed(
    client, parcours_phase2, livrables_vincennes, agent_vincennes
):
    livrable = livrables_vincennes["retour_experience"]
    a_l_etat(parcours_phase2, "clos")
    connecter(client, agent_vincennes)

    client.post(f"/suivi/livrables/{livrable.pk}/", {"recommandations": "Trop tard"})

    livrable = Livrable.objects.get(pk=livrable.pk)
    assert livrable.recommandations == ""


def test_it_saves_a_draft_of_the_feedback(client, livrables_vincennes, agent_vincennes):
    livrable = livrables_vincennes["retour_experience"]
    connecter(client, agent_vincennes)

    client.post(
        f"/suivi/livrables/{livrable.pk}/",
        {
            "ce_qui_a_marche": "Le tri",
            "ce_qui_n_a_pas_marche": "",
            "chiffres_usage": "",
            "recommandations": "",
        },
    )

    livrable = Livrable.objects.get(pk=livrable.pk)
    assert (livrable.ce_qui_a_marche, livrable.etat) == ("Le tri", "a_remettre")


def test_it_checks_an_uploaded_file_by_its_content(client, livrables_vincennes, agent_vincennes):
    livrable = livrables_vincennes["donnees_partagees"]
    connecter(client, agent_vincennes)
    faux_pdf = SimpleUploadedFile("donnees.pdf", b"MZ\x90\x00 pas un PDF", "application/pdf")

    reponse = client.post(
        f"/suivi/livrables/{livrable.pk}/",
        {
            "description": "d",
            "perimetre": "p",
            "donnees_personnelles": "False",
            "fichier": faux_pdf,
        },
    )

    assert "Le contenu du fichier a été vérifié" in reponse.content.decode()
    livrable = Livrable.objects.get(pk=livrable.pk)
    assert not livrable.fichier


def test_it_accepts_a_csv_data_file(client, livrables_vincennes, agent_vincennes):
    livrable = livrables_vincennes["donnees_partagees"]
    connecter(client, agent_vincennes)
    csv = SimpleUploadedFile("demandes.csv", b"mois;demandes\njanvier;700\n", "text/csv")

    client.post(
        f"/suivi/livrables/{livrable.pk}/",
        {"description": "d", "perimetre": "p", "donnees_personnelles": "False", "fichier": csv},
    )

    livrable = Livrable.objects.get(pk=livrable.pk)
    assert livrable.fichier and livrable.nom_fichier == "demandes.csv"


def test_it_lets_staff_ask_for_changes_and_tells_the_beneficiary(
    client,
    livrables_vincennes,
    agent_vincennes,
    agent_metropole,
    django_capture_on_commit_callbacks,
):
    livrable = remplir(livrables_vincennes["retour_experience"])
    appliquer(livrable, "remettre", par=agent_vincennes)
    connecter(client, agent_metropole)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/suivi/pilotage/livrables/{livrable.pk}/demander_modifications/",
            {"etat": "remis", "commentaire": "Précisez le nombre d'agents formés."},
        )

    livrable = Livrable.objects.get(pk=livrable.pk)
    assert livrable.etat == "a_completer"
    assert Message.objects.get(gabarit="livrable_a_completer").destinataire == agent_vincennes


def test_it_refuses_asking_for_changes_without_saying_which(
    client, livrables_vincennes, agent_vincennes, agent_metropole
):
    livrable = remplir(livrables_vincennes["retour_experience"])
    appliquer(livrable, "remettre", par=agent_vincennes)
    connecter(client, agent_metropole)

    client.post(
        f"/suivi/pilotage/livrables/{livrable.pk}/demander_modifications/", {"etat": "remis"}
    )

    livrable = Livrable.objects.get(pk=livrable.pk)
    assert livrable.etat == "remis"


def test_it_keeps_staff_actions_from_beneficiaries(client, livrables_vincennes, agent_vincennes):
    livrable = remplir(livrables_vincennes["retour_experience"])
    appliquer(livrable, "remettre", par=agent_vincennes)
    connecter(client, agent_vincennes)

    assert client.post(f"/suivi/pilotage/livrables/{livrable.pk}/valider/", {}).status_code == 403
    with pytest.raises(TransitionRefusee):
        appliquer(livrable, "valider", par=agent_vincennes)


def test_it_waits_for_feedback_and_evaluation_before_closing_the_track(
    parcours_phase2, livrables_vincennes, agent_vincennes, agent_metropole
):
    a_l_etat(parcours_phase2, "bilan")
    assert retours_manquants(parcours_phase2) == ["Vincennes (retour d'expérience, évaluation)"]

    retour = remplir(livrables_vincennes["retour_experience"])
    appliquer(retour, "remettre", par=agent_vincennes)
    appliquer(retour, "valider", par=agent_metropole)
    appliquer(
        livrables_vincennes["evaluation"],
        "dispenser",
        par=agent_metropole,
        commentaire="Expérimentation arrêtée avant la mesure des indicateurs.",
    )

    assert retours_manquants(parcours_phase2) == []
    assert not any("Retour d'expérience" in r for r in raisons_blocage(parcours_phase2, "clore"))


def test_it_names_the_missing_feedback_in_the_closing_guard(parcours_phase2, livrables_vincennes):
    a_l_etat(parcours_phase2, "bilan")

    assert (
        "Retour d'expérience ou évaluation attendu de : Vincennes (retour d'expérience, évaluation)."
        in raisons_blocage(parcours_phase2, "clore")
    )


def test_it_shows_the_communication_mention_on_the_beneficiary_pages(
    client, livrables_vincennes, agent_vincennes
):
    connecter(client, agent_vincennes)

    contenu = client.get("/suivi/mes-livrables/").content.decode()

    assert "Un projet du programme ApproprIAtion de la Métropole du Grand Paris" in contenu
    assert "@Metropole_GrandParis" in contenu


def test_it_reopens_a_data_deliverable_saved_with_a_file(
    client, settings, livrables_vincennes, agent_vincennes
):
    """Issue 19.1: private files have no URL; the page links to the protected download view."""
    settings.MEDIA_URL = None  # as in production: uploads are never served by URL
    livrable = livrables_vincennes["donnees_partagees"]
    connecter(client, agent_vincennes)
    donnees = {"description": "d", "perimetre": "p", "donnees_personnelles": "False"}
    client.post(
        f"/suivi/livrables/{livrable.pk}/",
        {**donnees, "fichier": SimpleUploadedFile("demandes.csv", b"mois;n\njanvier;7\n")},
    )

    page = client.get(f"/suivi/livrables/{livrable.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/suivi/livrables/{livrable.pk}/fichier/">demandes.csv</a>' in html
    client.post(
        f"/suivi/livrables/{livrable.pk}/",
        {**donnees, "fichier": SimpleUploadedFile("mai.csv", b"mois;n\nmai;9\n")},
    )
    assert client.get(f"/suivi/livrables/{livrable.pk}/").status_code == 200
    telechargement = client.get(f"/suivi/livrables/{livrable.pk}/fichier/")
    assert b"".join(telechargement.streaming_content) == b"mois;n\nmai;9\n"
    assert Livrable.objects.get(pk=livrable.pk).nom_fichier == "mai.csv"


def test_it_forgets_the_file_name_when_the_file_is_cleared(
    client, settings, livrables_vincennes, agent_vincennes
):
    settings.MEDIA_URL = None
    livrable = livrables_vincennes["donnees_partagees"]
    connecter(client, agent_vincennes)
    donnees = {"description": "d", "perimetre": "p", "donnees_personnelles": "False"}
    client.post(
        f"/suivi/livrables/{livrable.pk}/",
        {**donnees, "fichier": SimpleUploadedFile("demandes.csv", b"mois;n\njanvier;7\n")},
    )

    client.post(f"/suivi/livrables/{livrable.pk}/", {**donnees, "fichier-clear": "on"})

    livrable = Livrable.objects.get(pk=livrable.pk)
    assert (bool(livrable.fichier), livrable.nom_fichier) == (False, "")
    assert client.get(f"/suivi/livrables/{livrable.pk}/").status_code == 200
