# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conventions.models import Convention
from tests.conventions.factories import convention
from tests.conventions.outils import pdf_minimal, recharger
from tests.factories import connecter


@pytest.fixture
def envoyee(candidature_vincennes):
    return convention(candidature_vincennes, pdf=True, etat="envoyee")


def url(convention, nom):
    return f"/admin/conventions/convention/{convention.pk}/transition/{nom}/"


def test_countersigning_before_signature_shows_the_reason(client, envoyee, agent_metropole):
    connecter(client, agent_metropole)
    page = client.get(f"/admin/conventions/convention/{envoyee.pk}/change/").content.decode()
    assert "Déposer la convention signée" in page
    reponse = client.post(url(envoyee, "contresigner"), {"etat_attendu": "envoyee"}, follow=True)
    assert "qu&#x27;après la signature du bénéficiaire" in reponse.content.decode()
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE


def test_staff_upload_then_countersign_in_the_admin(client, envoyee, agent_metropole):
    connecter(client, agent_metropole)
    client.post(
        url(envoyee, "signer_beneficiaire"),
        {
            "etat_attendu": "envoyee",
            "fichier": SimpleUploadedFile("scan.pdf", pdf_minimal(), "application/pdf"),
        },
    )
    assert recharger(envoyee).etat == Convention.Etat.SIGNEE_BENEFICIAIRE
    client.post(url(envoyee, "contresigner"), {"etat_attendu": "signee_beneficiaire"})
    assert recharger(envoyee).etat == Convention.Etat.EN_VIGUEUR


def test_staff_upload_of_a_non_pdf_is_refused_in_the_admin(client, envoyee, agent_metropole):
    connecter(client, agent_metropole)
    reponse = client.post(
        url(envoyee, "signer_beneficiaire"),
        {"etat_attendu": "envoyee", "fichier": SimpleUploadedFile("scan.pdf", b"texte")},
    )
    assert "n&#x27;est pas un PDF" in reponse.content.decode()
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE


def test_a_sent_convention_is_read_only_in_the_admin(client, envoyee, agent_metropole):
    connecter(client, agent_metropole)
    page = client.get(f"/admin/conventions/convention/{envoyee.pk}/change/").content.decode()
    assert 'name="perimetre_donnees"' not in page


def test_termination_from_the_admin_requires_a_reason(client, envoyee, agent_metropole):
    connecter(client, agent_metropole)
    reponse = client.post(url(envoyee, "resilier"), {"etat_attendu": "envoyee", "commentaire": ""})
    assert reponse.status_code == 200
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE


def test_the_generate_button_is_not_a_form_nested_in_the_change_form(
    client, candidature_vincennes, agent_metropole
):
    """Browsers ignore a <form> nested in another: the button must post the outer form."""
    from html.parser import HTMLParser

    class Imbrication(HTMLParser):
        profondeur = profondeur_max = 0

        def handle_starttag(self, tag, attrs):
            if tag == "form":
                self.profondeur += 1
                self.profondeur_max = max(self.profondeur_max, self.profondeur)

        def handle_endtag(self, tag):
            if tag == "form":
                self.profondeur -= 1

    brouillon = convention(candidature_vincennes)
    connecter(client, agent_metropole)
    page = client.get(f"/admin/conventions/convention/{brouillon.pk}/change/").content.decode()
    analyse = Imbrication()
    analyse.feed(page)
    assert analyse.profondeur_max == 1
    assert f'formaction="/admin/conventions/convention/{brouillon.pk}/generer/"' in page
    reponse = client.post(f"/admin/conventions/convention/{brouillon.pk}/generer/", follow=True)
    assert reponse.status_code == 200
    assert recharger(brouillon).document is not None


def test_the_countersigned_copy_is_stored_and_offered_to_the_beneficiary(
    client, envoyee, agent_metropole, agent_vincennes
):
    from django.urls import reverse

    from conventions.models import DocumentConvention

    connecter(client, agent_metropole)
    client.post(
        url(envoyee, "signer_beneficiaire"),
        {
            "etat_attendu": "envoyee",
            "fichier": SimpleUploadedFile("scan.pdf", pdf_minimal(), "application/pdf"),
        },
    )
    refus = client.post(
        url(envoyee, "contresigner"),
        {
            "etat_attendu": "signee_beneficiaire",
            "fichier": SimpleUploadedFile("c.pdf", b"<html>non</html>", "application/pdf"),
        },
    )
    assert refus.status_code == 200 and "n&#x27;est pas un PDF" in refus.content.decode()
    assert recharger(envoyee).etat == Convention.Etat.SIGNEE_BENEFICIAIRE
    client.post(
        url(envoyee, "contresigner"),
        {
            "etat_attendu": "signee_beneficiaire",
            "fichier": SimpleUploadedFile("contresignee.pdf", pdf_minimal(), "application/pdf"),
        },
    )
    assert recharger(envoyee).etat == Convention.Etat.EN_VIGUEUR
    copie = envoyee.documents.get(nature=DocumentConvention.Nature.CONTRESIGNEE)
    assert copie.sha256 and copie.genere_par == agent_metropole
    connecter(client, agent_vincennes)
    page = client.get(reverse("conventions:detail", args=[envoyee.pk])).content.decode()
    assert "Exemplaire contresigné par la Métropole" in page
