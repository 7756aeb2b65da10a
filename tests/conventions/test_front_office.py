# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conventions.models import Convention
from tests.conventions.factories import convention
from tests.conventions.outils import lire, pdf_minimal, recharger
from tests.factories import connecter


@pytest.fixture
def envoyee(candidature_vincennes):
    return convention(candidature_vincennes, pdf=True, etat="envoyee")


def test_the_beneficiary_sees_its_conventions_and_their_state(client, envoyee, agent_vincennes):
    connecter(client, agent_vincennes)
    page = client.get(reverse("conventions:mes_conventions"))
    contenu = page.content.decode()
    assert "Vincennes" in contenu
    assert "Envoyée pour signature" in contenu


def test_a_draft_is_not_shown_to_the_beneficiary(client, candidature_vincennes, agent_vincennes):
    brouillon = convention(candidature_vincennes)
    connecter(client, agent_vincennes)
    assert (
        "Aucune convention" in client.get(reverse("conventions:mes_conventions")).content.decode()
    )
    assert client.get(reverse("conventions:detail", args=[brouillon.pk])).status_code == 404


def test_another_territoire_gets_a_404(client, envoyee, agent_montreuil):
    connecter(client, agent_montreuil)
    assert client.get(reverse("conventions:detail", args=[envoyee.pk])).status_code == 404
    document = envoyee.document
    url = reverse("conventions:telecharger", args=[envoyee.pk, document.pk])
    assert client.get(url).status_code == 404


def test_the_beneficiary_downloads_the_pdf(client, envoyee, agent_vincennes):
    connecter(client, agent_vincennes)
    document = envoyee.document
    reponse = client.get(reverse("conventions:telecharger", args=[envoyee.pk, document.pk]))
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/pdf"
    assert b"".join(reponse.streaming_content) == lire(document)


def test_the_legal_representative_uploads_in_the_front_office(
    client, envoyee, representant_vincennes
):
    connecter(client, representant_vincennes)
    page = client.get(reverse("conventions:detail", args=[envoyee.pk]))
    assert "Déposer la convention signée" in page.content.decode()
    reponse = client.post(
        reverse("conventions:deposer_signee", args=[envoyee.pk]),
        {
            "etat_attendu": "envoyee",
            "fichier": SimpleUploadedFile("scan.pdf", pdf_minimal(), "application/pdf"),
        },
    )
    assert reponse.status_code == 302
    assert recharger(envoyee).etat == Convention.Etat.SIGNEE_BENEFICIAIRE


def test_the_convention_page_reopens_after_the_signed_copy_is_uploaded(
    client, settings, envoyee, representant_vincennes
):
    """Issue 19.1: the signed copy is private; its page must not ask the file for a URL."""
    settings.MEDIA_URL = None
    connecter(client, representant_vincennes)
    client.post(
        reverse("conventions:deposer_signee", args=[envoyee.pk]),
        {
            "etat_attendu": "envoyee",
            "fichier": SimpleUploadedFile("scan.pdf", pdf_minimal(), "application/pdf"),
        },
    )

    assert recharger(envoyee).etat == Convention.Etat.SIGNEE_BENEFICIAIRE
    assert client.get(reverse("conventions:detail", args=[envoyee.pk])).status_code == 200
    assert client.get(reverse("conventions:mes_conventions")).status_code == 200


def test_a_non_pdf_upload_shows_a_clear_message(client, envoyee, representant_vincennes):
    connecter(client, representant_vincennes)
    reponse = client.post(
        reverse("conventions:deposer_signee", args=[envoyee.pk]),
        {
            "etat_attendu": "envoyee",
            "fichier": SimpleUploadedFile("scan.pdf", b"GIF89a-pas-un-pdf", "application/pdf"),
        },
    )
    assert reponse.status_code == 200
    assert "n&#x27;est pas un PDF" in reponse.content.decode()
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE


def test_a_plain_agent_is_told_only_the_legal_representative_signs(
    client, envoyee, agent_vincennes
):
    connecter(client, agent_vincennes)
    page = client.get(reverse("conventions:detail", args=[envoyee.pk])).content.decode()
    assert "Seul le représentant légal de Vincennes" in page
    reponse = client.post(
        reverse("conventions:deposer_signee", args=[envoyee.pk]),
        {
            "etat_attendu": "envoyee",
            "fichier": SimpleUploadedFile("scan.pdf", pdf_minimal(), "application/pdf"),
        },
    )
    assert "Seul le représentant légal de Vincennes" in reponse.content.decode()
    assert recharger(envoyee).etat == Convention.Etat.ENVOYEE


def test_upload_is_post_only(client, envoyee, representant_vincennes):
    connecter(client, representant_vincennes)
    assert client.get(reverse("conventions:deposer_signee", args=[envoyee.pk])).status_code == 405


def test_anonymous_users_are_sent_to_login(client, envoyee):
    assert client.get(reverse("conventions:mes_conventions")).status_code == 302


def test_the_list_has_a_query_budget(client, agent_vincennes, django_assert_max_num_queries):
    for _ in range(3):
        convention(etat="envoyee")  # three tracks, Vincennes selected in each
    connecter(client, agent_vincennes)
    with django_assert_max_num_queries(12):
        client.get(reverse("conventions:mes_conventions"))


def test_the_menu_links_to_my_conventions(client, agent_vincennes):
    connecter(client, agent_vincennes)
    page = client.get(reverse("conventions:mes_conventions")).content.decode()
    assert f'href="{reverse("conventions:mes_conventions")}">Mes conventions' in page
