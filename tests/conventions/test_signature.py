# SPDX-License-Identifier: EUPL-1.2
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conventions import signature
from conventions.models import Convention, DocumentConvention
from core.workflow import TransitionRefusee, appliquer, graphe_mermaid
from notifications.models import Message
from tests.conventions.factories import beneficiaire, convention
from tests.conventions.outils import lire, pdf_minimal, recharger


def scan(contenu: bytes | None = None, nom: str = "signee.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nom, contenu or pdf_minimal(), content_type="application/pdf")


@pytest.fixture
def a_signer(candidature_vincennes, representant_vincennes):
    return convention(candidature_vincennes, pdf=True)


@pytest.fixture
def envoyee(a_signer, agent_metropole, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return appliquer(a_signer, "envoyer", par=agent_metropole, etat_attendu="brouillon")


@pytest.fixture
def signee(envoyee, representant_vincennes):
    return signature.deposer_copie_signee(
        convention=envoyee, fichier=scan(), par=representant_vincennes
    )


def test_sending_notifies_the_legal_representative(envoyee, representant_vincennes, mailoutbox):
    assert envoyee.etat == Convention.Etat.ENVOYEE
    assert envoyee.envoyee_le is not None
    message = Message.objects.get(gabarit="convention_a_signer")
    assert message.destinataire == representant_vincennes
    assert len(mailoutbox) == 1
    assert "Convention à signer : Vincennes" in mailoutbox[0].subject
    assert f"/conventions/{envoyee.pk}/" in mailoutbox[0].body


def test_sending_without_a_pdf_is_refused(
    candidature_vincennes, representant_vincennes, agent_metropole
):
    brouillon = convention(candidature_vincennes)
    with pytest.raises(TransitionRefusee) as refus:
        appliquer(brouillon, "envoyer", par=agent_metropole)
    assert "Générez d'abord le PDF" in refus.value.raisons[0]


def test_sending_without_a_legal_representative_account_is_refused(
    candidature_vincennes, agent_metropole
):
    brouillon = convention(candidature_vincennes, pdf=True)
    with pytest.raises(TransitionRefusee) as refus:
        appliquer(brouillon, "envoyer", par=agent_metropole)
    assert "Aucun représentant légal de Vincennes" in " ".join(refus.value.raisons)


def test_the_legal_representative_uploads_the_signed_copy(signee, representant_vincennes):
    assert signee.etat == Convention.Etat.SIGNEE_BENEFICIAIRE
    assert signee.signee_beneficiaire_par == representant_vincennes
    copie = signee.copie_signee
    assert copie.sha256 == hashlib.sha256(pdf_minimal()).hexdigest()
    assert lire(copie) == pdf_minimal()


def test_a_plain_agent_cannot_sign_for_the_territoire(envoyee, agent_vincennes):
    with pytest.raises(TransitionRefusee) as refus:
        signature.deposer_copie_signee(convention=envoyee, fichier=scan(), par=agent_vincennes)
    assert "Seul le représentant légal de Vincennes" in refus.value.raisons[0]
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE
    assert not DocumentConvention.objects.filter(nature="signee").exists()


def test_an_agent_of_another_territoire_cannot_sign(envoyee, agent_montreuil):
    with pytest.raises(TransitionRefusee) as refus:
        signature.deposer_copie_signee(convention=envoyee, fichier=scan(), par=agent_montreuil)
    assert "Vous n'agissez pas pour Vincennes" in refus.value.raisons[0]


def test_the_transition_itself_refuses_the_wrong_user(envoyee, agent_vincennes):
    with pytest.raises(TransitionRefusee, match="pas le droit"):
        appliquer(envoyee, "signer_beneficiaire", par=agent_vincennes, fichier=pdf_minimal())


@pytest.mark.parametrize(
    "contenu, nom",
    [
        (b"GIF89a" + b"\x00" * 100, "signee.pdf"),
        (b"PK\x03\x04" + b"\x00" * 100, "signee.pdf"),
        (b"Bonjour, ceci n'est pas un PDF.", "signee.pdf"),
    ],
)
def test_a_non_pdf_upload_is_refused(envoyee, representant_vincennes, contenu, nom):
    with pytest.raises(TransitionRefusee) as refus:
        signature.deposer_copie_signee(
            convention=envoyee, fichier=scan(contenu, nom), par=representant_vincennes
        )
    assert "n'est pas un PDF" in refus.value.raisons[0]
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE


def test_countersignature_before_the_beneficiary_signature_is_refused(envoyee, agent_metropole):
    with pytest.raises(TransitionRefusee) as refus:
        signature.contresigner(convention=envoyee, par=agent_metropole)
    assert "qu'après la signature du bénéficiaire" in refus.value.raisons[0]
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE


def test_countersignature_is_refused_by_the_state_machine_too(envoyee, agent_metropole):
    with pytest.raises(TransitionRefusee, match="pas possible à l'étape"):
        appliquer(envoyee, "contresigner", par=agent_metropole)


def test_the_metropole_countersigns_after_the_beneficiary(signee, agent_metropole):
    en_vigueur = signature.contresigner(
        convention=signee, par=agent_metropole, etat_attendu="signee_beneficiaire"
    )
    assert en_vigueur.etat == "en_vigueur"
    assert en_vigueur.contresignee_par == agent_metropole


def test_the_beneficiary_cannot_countersign(signee, representant_vincennes):
    with pytest.raises(TransitionRefusee, match="pas le droit"):
        signature.contresigner(convention=signee, par=representant_vincennes)


def test_a_second_upload_is_refused(signee, representant_vincennes):
    with pytest.raises(TransitionRefusee, match="déjà été déposée"):
        signature.deposer_copie_signee(
            convention=signee, fichier=scan(), par=representant_vincennes
        )


def test_termination_needs_a_reason(envoyee, agent_metropole):
    with pytest.raises(TransitionRefusee, match="motif"):
        appliquer(envoyee, "resilier", par=agent_metropole, commentaire=" ")
    resiliee = appliquer(
        envoyee, "resilier", par=agent_metropole, commentaire="Retrait du territoire."
    )
    assert resiliee.etat == "resiliee"
    assert resiliee.motif_resiliation == "Retrait du territoire."


def test_completion_waits_for_the_end_of_the_experimentation(
    candidature_vincennes, agent_metropole
):
    en_vigueur = convention(candidature_vincennes, pdf=True, etat="en_vigueur")
    with pytest.raises(TransitionRefusee, match="n'est pas terminée"):
        appliquer(en_vigueur, "completer", par=agent_metropole)


def test_a_convention_in_force_lets_the_track_start_phase_2(parcours, agent_metropole):
    from tracks import gardes

    convention(beneficiaire(parcours, "94080"), etat="en_vigueur")
    autre = convention(beneficiaire(parcours, "93048"), etat="envoyee")
    assert "Montreuil" in gardes.conventions_en_vigueur(parcours)
    type(autre).objects.filter(pk=autre.pk).update(etat="en_vigueur")
    assert gardes.conventions_en_vigueur(parcours) is None


def test_the_workflow_diagram_is_generated_from_the_code():
    graphe = graphe_mermaid(Convention, "etat")
    assert "brouillon --> envoyee" in graphe
    assert "signee_beneficiaire --> en_vigueur" in graphe
    assert "envoyee --> en_vigueur" not in graphe


def test_the_journal_records_each_step(signee):
    from audit.models import Evenement

    transitions = list(Evenement.objects.pour(signee).values_list("transition", flat=True))
    assert "envoyer" in transitions and "signer_beneficiaire" in transitions


def test_staff_may_upload_the_signed_copy(envoyee, agent_metropole):
    signee = signature.deposer_copie_signee(convention=envoyee, fichier=scan(), par=agent_metropole)
    assert signee.etat == Convention.Etat.SIGNEE_BENEFICIAIRE


def test_the_documented_diagram_matches_the_code():
    from pathlib import Path

    from django.conf import settings

    doc = (Path(settings.BASE_DIR) / "docs" / "workflows" / "conventions.md").read_text()
    assert graphe_mermaid(Convention, "etat") in doc


def test_the_countersignature_writes_an_audit_entry(signee, agent_metropole):
    """Issue 23 (COMPLIANCE 32): actor, time and object of the countersignature."""
    from django.utils import timezone

    from audit.models import Evenement

    avant = timezone.now()
    signature.contresigner(
        convention=signee, par=agent_metropole, etat_attendu="signee_beneficiaire"
    )
    entree = Evenement.objects.pour(signee).get(transition="contresigner")
    assert entree.acteur == agent_metropole
    assert avant <= entree.horodatage <= timezone.now()
    assert (entree.etat_avant, entree.etat_apres) == ("signee_beneficiaire", "en_vigueur")
