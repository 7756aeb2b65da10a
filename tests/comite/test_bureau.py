# SPDX-License-Identifier: EUPL-1.2
"""The Bureau Métropolitain's decision (art. 5.3) and the applicant's explained decision."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Evenement
from comite.models import DecisionBureau, IssueDecision, PointOrdreDuJour, SessionExamen
from notifications.models import Message
from tests.candidatures.factories import a_l_etat
from tests.comite.factories import noter, octets_pdf
from tests.factories import connecter


def pdf():
    return SimpleUploadedFile(
        "deliberation.pdf", octets_pdf("Délibération"), content_type="application/pdf"
    )


@pytest.fixture
def proposees(seance, point_vincennes, point_montreuil, president_comite, membres):
    """After the sitting: Vincennes proposed, Montreuil not; scores recorded."""
    for membre, note in [(president_comite, 4), (membres[0], 3)]:
        noter(point_vincennes, membre, note)
        noter(point_montreuil, membre, 2)
    PointOrdreDuJour.objects.filter(pk=point_vincennes.pk).update(resultat="proposee")
    PointOrdreDuJour.objects.filter(pk=point_montreuil.pk).update(resultat="non_proposee")
    SessionExamen.objects.filter(pk=seance.pk).update(etat=SessionExamen.Etat.CLOSE)
    a_l_etat(point_vincennes.candidature, "proposee")
    a_l_etat(point_montreuil.candidature, "non_proposee")
    return point_vincennes.candidature, point_montreuil.candidature


def enregistrer(client, staff, parcours, vincennes, montreuil, **autres):
    donnees = {
        "numero": "BM2026/041",
        "date": "12/03/2026",
        "document": pdf(),
        f"issue_{vincennes.pk}": "1",
        f"issue_{montreuil.pk}": "0",
        f"motif_{montreuil.pk}": "",
        "confirmation": "on",
        **autres,
    }
    connecter(client, staff)
    return client.post(
        reverse("admin:comite_enregistrer_decision_bureau", args=[parcours.pk]), donnees
    )


def test_it_records_the_decision_moves_applications_and_track_and_notifies(
    client,
    agent_metropole,
    parcours,
    proposees,
    representant_vincennes,
    django_capture_on_commit_callbacks,
):
    vincennes, montreuil = proposees
    with django_capture_on_commit_callbacks(execute=True):
        enregistrer(client, agent_metropole, parcours, vincennes, montreuil)
    decision = DecisionBureau.objects.get()
    assert decision.numero == "BM2026/041" and decision.date == dt.date(2026, 3, 12)
    vincennes = type(vincennes).objects.get(pk=vincennes.pk)
    montreuil = type(montreuil).objects.get(pk=montreuil.pk)
    parcours = type(parcours).objects.get(pk=parcours.pk)
    assert (vincennes.etat, montreuil.etat, parcours.etat) == (
        "selectionnee",
        "non_selectionnee",
        "laureats",
    )
    message = Message.objects.get(destinataire=representant_vincennes)
    assert "Télérecours citoyens" in message.corps_texte
    assert "Tribunal administratif de Paris" in message.corps_texte
    assert "deux mois" in message.corps_texte


def test_departing_from_the_proposal_needs_a_written_reason(
    client, agent_metropole, parcours, proposees
):
    vincennes, montreuil = proposees
    reponse = enregistrer(
        client, agent_metropole, parcours, vincennes, montreuil, **{f"issue_{montreuil.pk}": "1"}
    )
    assert "le motif est obligatoire" in reponse.content.decode()
    assert not DecisionBureau.objects.exists()
    montreuil = type(montreuil).objects.get(pk=montreuil.pk)
    assert montreuil.etat == "non_proposee"


def test_a_departure_with_its_reason_is_recorded(client, agent_metropole, parcours, proposees):
    vincennes, montreuil = proposees
    enregistrer(
        client,
        agent_metropole,
        parcours,
        vincennes,
        montreuil,
        **{f"issue_{montreuil.pk}": "1", f"motif_{montreuil.pk}": "Équilibre territorial."},
    )
    issue = IssueDecision.objects.get(candidature=montreuil)
    assert issue.selectionnee and not issue.conforme_a_la_proposition
    assert issue.motif_ecart == "Équilibre territorial."


def test_a_deliberation_that_is_not_a_pdf_is_refused(client, agent_metropole, parcours, proposees):
    vincennes, montreuil = proposees
    faux = SimpleUploadedFile(
        "deliberation.pdf", b"MZ\x90\x00 pas un PDF", content_type="application/pdf"
    )
    reponse = enregistrer(client, agent_metropole, parcours, vincennes, montreuil, document=faux)
    assert "doit être un fichier PDF" in reponse.content.decode()
    assert not DecisionBureau.objects.exists()


def test_a_committee_member_cannot_record_the_decision(client, membre_comite, parcours, proposees):
    vincennes, montreuil = proposees
    assert enregistrer(client, membre_comite, parcours, vincennes, montreuil).status_code == 403


def test_the_applicant_sees_the_explained_score_card_pseudonymised_and_its_opening_is_recorded(
    client, agent_metropole, agent_vincennes, parcours, proposees, president_comite
):
    vincennes, montreuil = proposees
    enregistrer(client, agent_metropole, parcours, vincennes, montreuil)
    issue = IssueDecision.objects.get(candidature=vincennes)
    reponse = connecter(client, agent_vincennes).get(reverse("comite:decision", args=[issue.pk]))
    contenu = reponse.content.decode()
    assert "Votre candidature est sélectionnée" in contenu
    assert "Membre A : 4" in contenu and "Membre B : 3" in contenu
    assert president_comite.nom_complet not in contenu
    assert "Télérecours citoyens" in contenu
    issue.refresh_from_db()
    premiere = issue.consultee_le
    assert premiere is not None
    connecter(client, agent_vincennes).get(reverse("comite:decision", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.consultee_le == premiere


def test_another_territoire_gets_404_on_the_decision(
    client, agent_metropole, agent_montreuil, parcours, proposees
):
    vincennes, montreuil = proposees
    enregistrer(client, agent_metropole, parcours, vincennes, montreuil)
    issue = IssueDecision.objects.get(candidature=vincennes)
    reponse = connecter(client, agent_montreuil).get(reverse("comite:decision", args=[issue.pk]))
    assert reponse.status_code == 404
    issue.refresh_from_db()
    assert issue.consultee_le is None


def test_after_recording_the_decision_its_page_opens_and_the_deliberation_downloads(
    client, agent_metropole, parcours, proposees, settings
):
    """As in production, stored files have no public URL (MEDIA_URL = None)."""
    settings.MEDIA_URL = None
    vincennes, montreuil = proposees
    reponse = enregistrer(client, agent_metropole, parcours, vincennes, montreuil)
    decision = DecisionBureau.objects.get()

    page = client.get(reponse.url if reponse.status_code == 302 else "/")
    fiche = client.get(reverse("admin:comite_decisionbureau_change", args=[decision.pk]))
    fichier = client.get(reverse("admin:comite_decisionbureau_document", args=[decision.pk]))

    assert page.status_code == 200
    assert fiche.status_code == 200
    assert "Télécharger la délibération n° BM2026/041" in fiche.content.decode()
    assert fichier.status_code == 200
    assert fichier["Content-Disposition"].startswith("attachment")
    assert b"".join(fichier.streaming_content) == octets_pdf("Délibération")
    trace = Evenement.objects.filter(action=Evenement.Action.TELECHARGEMENT).get()
    assert (trace.acteur, trace.object_id) == (agent_metropole, str(decision.pk))


def test_a_committee_member_cannot_download_the_deliberation(
    client, agent_metropole, membre_comite, parcours, proposees
):
    vincennes, montreuil = proposees
    enregistrer(client, agent_metropole, parcours, vincennes, montreuil)
    decision = DecisionBureau.objects.get()
    connecter(client, membre_comite)

    reponse = client.get(reverse("admin:comite_decisionbureau_document", args=[decision.pk]))

    assert reponse.status_code == 403
    assert not Evenement.objects.filter(action=Evenement.Action.TELECHARGEMENT).exists()


def test_the_decision_is_recorded_only_once_confirmed(client, agent_metropole, parcours, proposees):
    """Issue 19.2: the form's own checkbox confirms; no script needed, nothing done without it."""
    vincennes, montreuil = proposees

    reponse = enregistrer(client, agent_metropole, parcours, vincennes, montreuil, confirmation="")

    assert reponse.status_code == 400
    assert "Cochez la confirmation" in reponse.content.decode()
    assert not DecisionBureau.objects.exists()
    assert type(vincennes).objects.get(pk=vincennes.pk).etat == "proposee"
