# SPDX-License-Identifier: EUPL-1.2
"""The staff back office: transition buttons with reasons, confirmation pages, frozen grid."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import Evenement
from tests.factories import connecter
from tests.tracks.factories import PDF_MINIMAL, ParcoursFactory, a_l_etat
from tracks.models import DocumentParcours, Parcours

E = Parcours.Etat
pytestmark = pytest.mark.django_db


def url_transition(parcours, nom):
    return reverse("admin:tracks_parcours_transition", args=[parcours.pk, nom])


def etat(parcours):
    return Parcours.objects.get(pk=parcours.pk).etat


def messages_de(reponse) -> list[str]:
    return [str(m) for m in reponse.context["messages"]]


def test_it_lists_tracks_filtered_by_state(client, agent_metropole):
    ParcoursFactory(titre="Bruit urbain")
    a_l_etat(ParcoursFactory(titre="Aires de livraison"), E.PUBLIE)
    connecter(client, agent_metropole)
    contenu = client.get(reverse("admin:tracks_parcours_changelist"), {"etat": "publie"})
    assert "Aires de livraison" in contenu.content.decode()
    assert "Bruit urbain" not in contenu.content.decode()


def test_the_change_page_shows_possible_and_impossible_actions_with_reasons(
    client, agent_metropole
):
    parcours = ParcoursFactory(pret_a_publier=True)
    a_l_etat(parcours, E.PUBLIE)
    connecter(client, agent_metropole)
    contenu = client.get(
        reverse("admin:tracks_parcours_change", args=[parcours.pk])
    ).content.decode()
    assert url_transition(parcours, "depublier") in contenu
    assert url_transition(parcours, "clore_candidatures") not in contenu
    assert "La date limite de candidature n&#x27;est pas encore passée." in contenu


def test_the_confirmation_page_asks_before_publishing(client, agent_metropole, parcours_pret):
    connecter(client, agent_metropole)
    reponse = client.get(url_transition(parcours_pret, "publier"))
    assert reponse.status_code == 200
    assert "Confirmer : Publier l&#x27;appel à candidatures" in reponse.content.decode()
    assert etat(parcours_pret) == E.BROUILLON


def test_posting_the_confirmation_publishes_and_logs_the_comment(
    client, agent_metropole, parcours_pret
):
    connecter(client, agent_metropole)
    reponse = client.post(
        url_transition(parcours_pret, "publier"),
        {"etat_attendu": "brouillon", "commentaire": "Validé en réunion"},
        follow=True,
    )
    assert etat(parcours_pret) == E.PUBLIE
    assert "« Publier l'appel à candidatures » : c'est fait." in messages_de(reponse)
    assert Evenement.objects.pour(parcours_pret).get().commentaire == "Validé en réunion"


def test_a_transition_posted_twice_changes_nothing_the_second_time(
    client, agent_metropole, parcours_pret
):
    connecter(client, agent_metropole)
    donnees = {"etat_attendu": "brouillon", "commentaire": ""}
    client.post(url_transition(parcours_pret, "publier"), donnees)
    reponse = client.post(url_transition(parcours_pret, "publier"), donnees, follow=True)
    assert any("déjà été faite" in m for m in messages_de(reponse))
    assert Evenement.objects.pour(parcours_pret).transitions().count() == 1


def test_a_past_deadline_at_publication_is_refused_with_its_reason(
    client, agent_metropole, parcours_pret
):
    Parcours.objects.filter(pk=parcours_pret.pk).update(
        date_limite=timezone.now() - dt.timedelta(days=1)
    )
    connecter(client, agent_metropole)
    reponse = client.post(
        url_transition(parcours_pret, "publier"), {"etat_attendu": "brouillon"}, follow=True
    )
    assert messages_de(reponse) == [
        "Action refusée : La date limite de candidature est déjà passée : fixez une date future."
    ]
    assert etat(parcours_pret) == E.BROUILLON


def test_a_reason_is_required_to_stop_an_experimentation(client, agent_metropole):
    parcours = a_l_etat(ParcoursFactory(), E.EXPERIMENTATION)
    connecter(client, agent_metropole)
    reponse = client.post(
        url_transition(parcours, "arreter"), {"etat_attendu": "experimentation", "commentaire": ""}
    )
    assert "Le motif est obligatoire." in reponse.content.decode()
    assert etat(parcours) == E.EXPERIMENTATION


def test_a_commune_agent_cannot_reach_the_back_office_transition(client, agent_vincennes):
    parcours = ParcoursFactory(pret_a_publier=True)
    connecter(client, agent_vincennes)
    reponse = client.post(url_transition(parcours, "publier"), {"etat_attendu": "brouillon"})
    assert reponse.status_code == 302
    assert "/admin/login/" in reponse["Location"]
    assert etat(parcours) == E.BROUILLON


def test_an_expert_sees_the_track_but_cannot_move_it(client, expert, parcours_pret):
    connecter(client, expert)
    url = reverse("admin:tracks_parcours_change", args=[parcours_pret.pk])
    assert client.get(url).status_code == 200
    reponse = client.post(url_transition(parcours_pret, "publier"), {"etat_attendu": "brouillon"})
    assert reponse.status_code == 403
    assert etat(parcours_pret) == E.BROUILLON
    assert not Evenement.objects.filter(transition="publier").exists()


def test_an_expert_cannot_open_the_confirmation_page_either(client, expert, parcours_pret):
    connecter(client, expert)
    assert client.get(url_transition(parcours_pret, "publier")).status_code == 403


def test_a_committee_member_cannot_open_the_transition_page(client, membre_comite, parcours_pret):
    connecter(client, membre_comite)
    assert client.get(url_transition(parcours_pret, "publier")).status_code == 403


def test_the_grid_is_editable_on_a_draft(client, agent_metropole, parcours_pret):
    connecter(client, agent_metropole)
    contenu = client.get(
        reverse("admin:tracks_parcours_change", args=[parcours_pret.pk])
    ).content.decode()
    assert 'name="ponderations-0-poids"' in contenu


def test_the_grid_is_frozen_once_published(client, agent_metropole, parcours_pret):
    parcours = a_l_etat(parcours_pret, E.PUBLIE)
    connecter(client, agent_metropole)
    contenu = client.get(
        reverse("admin:tracks_parcours_change", args=[parcours.pk])
    ).content.decode()
    assert 'name="ponderations-0-poids"' not in contenu
    assert 'name="echelle_max"' not in contenu
    assert "elles ne peuvent plus être modifiées" in contenu


def test_a_new_track_form_offers_the_six_criteria(client, agent_metropole):
    connecter(client, agent_metropole)
    contenu = client.get(reverse("admin:tracks_parcours_add")).content.decode()
    assert 'name="ponderations-5-critere"' in contenu
    assert 'value="motivation" selected' in contenu


def test_an_uploaded_document_is_checked_by_its_content():
    from django.core.exceptions import ValidationError

    document = DocumentParcours(
        parcours=ParcoursFactory(),
        nature="reglement",
        fichier=SimpleUploadedFile("reglement.pdf", b"MZ\x90\x00 pas un pdf", "application/pdf"),
    )
    with pytest.raises(ValidationError) as exc:
        document.full_clean()
    assert "Le contenu du fichier a été vérifié" in str(exc.value)


def test_a_real_pdf_is_accepted_and_fingerprinted():
    document = DocumentParcours(
        parcours=ParcoursFactory(),
        nature="reglement",
        fichier=SimpleUploadedFile("Règlement 2026.pdf", PDF_MINIMAL, "application/pdf"),
    )
    document.full_clean()
    document.save()
    assert document.nom_original == "Règlement 2026.pdf"
    assert len(document.sha256) == 64
    assert "Règlement" not in document.fichier.name


def test_an_expert_writes_an_opinion_signed_with_their_own_name(client, expert):
    from tracks.models import AvisExpert

    parcours = a_l_etat(ParcoursFactory(), E.PHASE1)
    connecter(client, expert)
    reponse = client.post(
        reverse("admin:tracks_avisexpert_add"),
        {"parcours": parcours.pk, "avis": "Le cas d'usage n° 1 est le plus frugal."},
    )
    assert reponse.status_code == 302
    assert AvisExpert.objects.get().expert == expert


def test_staff_cannot_write_an_expert_opinion(client, agent_metropole):
    connecter(client, agent_metropole)
    assert client.get(reverse("admin:tracks_avisexpert_add")).status_code == 403


def test_workshop_attendance_is_recorded_per_agent(client, agent_metropole, agent_vincennes):
    from tests.tracks.factories import avec_ateliers
    from tracks.models import PresenceAtelier

    parcours = a_l_etat(ParcoursFactory(), E.LANCEMENT)
    atelier = avec_ateliers(parcours, "7")[0]
    connecter(client, agent_metropole)
    url = reverse("admin:tracks_atelier_change", args=[atelier.pk])
    donnees = {
        "parcours": parcours.pk,
        "titre": atelier.titre,
        "debut_0": "15/03/2027",
        "debut_1": "09:30",
        "duree_heures": "7",
        "lieu": "",
        "presences-TOTAL_FORMS": "1",
        "presences-INITIAL_FORMS": "0",
        "presences-MIN_NUM_FORMS": "0",
        "presences-MAX_NUM_FORMS": "1000",
        "presences-0-agent": agent_vincennes.pk,
        "presences-0-territoire": agent_vincennes.territoires_approuves().get().pk,
        "presences-0-present": "on",
    }
    reponse = client.post(url, donnees)
    assert reponse.status_code == 302, reponse.context["errors"] if reponse.context else ""
    presence = PresenceAtelier.objects.get()
    assert (presence.agent, presence.territoire.code, presence.present) == (
        agent_vincennes,
        "94080",
        True,
    )


def test_the_address_of_a_published_track_is_frozen(client, agent_metropole, parcours_pret):
    parcours = a_l_etat(parcours_pret, E.PUBLIE)
    connecter(client, agent_metropole)
    contenu = client.get(
        reverse("admin:tracks_parcours_change", args=[parcours.pk])
    ).content.decode()
    assert 'name="slug"' not in contenu


def donnees_du_formulaire(reponse) -> dict:
    """The POST data an unchanged admin change form would send, inlines included."""
    donnees = {}
    formulaires = [reponse.context["adminform"].form]
    for inline in reponse.context["inline_admin_formsets"]:
        formset = inline.formset
        gestion = formset.management_form
        for nom in gestion.fields:
            donnees[gestion.add_prefix(nom)] = gestion[nom].value()
        formulaires += list(formset.forms)  # extra forms too, with the values shown
    for formulaire in formulaires:
        for nom, champ in formulaire.fields.items():
            valeur = formulaire[nom].value()
            if valeur is None or hasattr(valeur, "url") or hasattr(valeur, "read"):
                continue
            if isinstance(valeur, list | tuple):
                for indice, partie in enumerate(valeur):
                    donnees[f"{formulaire.add_prefix(nom)}_{indice}"] = partie
                continue
            if hasattr(champ, "widget") and champ.widget.__class__.__name__ == "CheckboxInput":
                if valeur:
                    donnees[formulaire.add_prefix(nom)] = "on"
                continue
            donnees[formulaire.add_prefix(nom)] = valeur
    return donnees


def test_staff_upload_a_document_checked_by_content(client, agent_metropole):
    parcours = ParcoursFactory()
    connecter(client, agent_metropole)
    url = reverse("admin:tracks_parcours_change", args=[parcours.pk])
    donnees = donnees_du_formulaire(client.get(url))
    donnees["documents-TOTAL_FORMS"] = "1"
    donnees["documents-0-nature"] = "reglement"
    donnees["documents-0-fichier"] = SimpleUploadedFile(
        "reglement.pdf", b"<html>pas un PDF</html>", "application/pdf"
    )
    donnees["documents-0-parcours"] = parcours.pk
    reponse = client.post(url, donnees)
    assert reponse.status_code == 200
    assert "Le contenu du fichier a été vérifié" in reponse.content.decode()
    assert not parcours.documents.exists()

    donnees["documents-0-fichier"] = SimpleUploadedFile(
        "reglement.pdf", PDF_MINIMAL, "application/pdf"
    )
    reponse = client.post(url, donnees)
    assert reponse.status_code == 302, [f.errors for f in [reponse.context["adminform"].form]] + [
        i.formset.errors for i in reponse.context["inline_admin_formsets"]
    ]
    assert parcours.documents.get().nom_original == "reglement.pdf"


def test_saving_a_draft_stores_the_six_prefilled_weights(client, agent_metropole):
    parcours = ParcoursFactory()
    connecter(client, agent_metropole)
    url = reverse("admin:tracks_parcours_change", args=[parcours.pk])
    donnees = donnees_du_formulaire(client.get(url))
    donnees["ponderations-5-poids"] = "3"
    assert client.post(url, donnees).status_code == 302
    assert parcours.ponderations_dict()["motivation"] == 3
    assert len(parcours.ponderations_dict()) == 6


def test_the_tracks_list_offers_the_conventions_batch_action_to_staff(client, agent_metropole):
    ParcoursFactory(titre="Bruit urbain")
    connecter(client, agent_metropole)
    contenu = client.get(reverse("admin:tracks_parcours_changelist")).content.decode()
    assert 'value="generer_conventions"' in contenu


def test_a_provider_siret_with_a_wrong_key_is_refused_in_the_procurement_form(
    client, agent_metropole
):
    from tracks.models import MarchePublic

    parcours = ParcoursFactory()
    connecter(client, agent_metropole)
    url = reverse("admin:tracks_marchepublic_add")
    donnees = {
        "parcours": parcours.pk,
        "reference": "MGP-2026-099",
        "objet": "Capteurs",
        "prestataires-TOTAL_FORMS": "1",
        "prestataires-INITIAL_FORMS": "0",
        "prestataires-0-raison_sociale": "Capteurs SAS",
        "prestataires-0-siret": "12345678901234",
    }
    reponse = client.post(url, donnees)
    assert reponse.status_code == 200
    assert "Ce SIRET n&#x27;est pas valide" in reponse.content.decode()
    assert not MarchePublic.objects.exists()

    donnees["prestataires-0-siret"] = "73282932000074"
    assert client.post(url, donnees).status_code == 302
    assert MarchePublic.objects.get().prestataires.get().siret == "73282932000074"
