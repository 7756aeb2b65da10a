# SPDX-License-Identifier: EUPL-1.2
"""The applicant's whole journey with the Django test client (the browser version is separate)."""

import io

import pypdf
import pytest
from django.urls import reverse

from candidatures.models import Candidature
from tests.candidatures.conftest import fichier_pdf
from tests.candidatures.factories import REPONSES
from tests.factories import connecter

pytestmark = pytest.mark.django_db


def reponses(candidature, **autres):
    donnees = {k: ("on" if v is True else v) for k, v in REPONSES.items()}
    return {**donnees, "version": candidature.version, **autres}


def test_an_agent_drafts_attaches_submits_and_downloads_the_receipt(
    client, parcours_ouvert, agent_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    connecter(client, agent_vincennes)
    page = client.get(reverse("candidatures:demarrer", args=[parcours_ouvert.slug]))
    assert "Pour quel territoire" in page.content.decode()
    territoire = agent_vincennes.territoires_approuves().get()
    reponse = client.post(
        reverse("candidatures:demarrer", args=[parcours_ouvert.slug]),
        {"territoire": territoire.pk},
    )
    candidature = Candidature.objects.get(parcours=parcours_ouvert, territoire=territoire)
    assert reponse.url == reverse("candidatures:detail", args=[candidature.pk])

    formulaire = client.get(reverse("candidatures:modifier", args=[candidature.pk]))
    assert "1. Contexte local et enjeux" in formulaire.content.decode()
    reponse = client.post(
        reverse("candidatures:modifier", args=[candidature.pk]), reponses(candidature)
    )
    assert reponse.status_code == 302
    assert (
        "Formulaire d&#x27;engagement"
        in client.get(reverse("candidatures:pieces", args=[candidature.pk])).content.decode()
    )
    reponse = client.post(
        reverse("candidatures:pieces", args=[candidature.pk]),
        {"nature": "engagement", "fichier": fichier_pdf("../../engagement signé.pdf")},
    )
    assert reponse.status_code == 302, reponse.content.decode()
    assert candidature.pieces.get().nom == "engagement signé.pdf"

    recapitulatif = client.get(reverse("candidatures:recapitulatif", args=[candidature.pk]))
    assert "Le dossier est complet" in recapitulatif.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            reverse("candidatures:deposer", args=[candidature.pk]), {"etat": "brouillon"}
        )
    candidature = Candidature.objects.get(pk=candidature.pk)
    assert reponse.url == reverse("candidatures:accuse", args=[candidature.pk])
    assert candidature.etat == "deposee" and candidature.numero

    page = client.get(reponse.url).content.decode()
    assert candidature.numero in page
    assert candidature.pieces.get().sha256 in page

    pdf = client.get(reverse("candidatures:accuse_pdf", args=[candidature.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    texte = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert candidature.numero in texte
    assert parcours_ouvert.titre in texte
    assert "(heure de Paris)" in texte and " s (heure" in texte
    assert candidature.pieces.get().sha256[:20] in texte.replace("\n", "")

    courriel = [m for m in mailoutbox if candidature.numero in m.subject][0]
    assert courriel.to == [agent_vincennes.email]

    fiche = client.get(reverse("candidatures:detail", args=[candidature.pk])).content.decode()
    assert "Brouillon → <strong>Déposée</strong>, par Claire Martin" in fiche
    liste = client.get(reverse("candidatures:mes_candidatures")).content.decode()
    assert "Déposée" in liste and "recevabilité" in liste


def test_the_draft_can_be_printed_and_the_questionnaire_downloaded(
    client, brouillon, agent_vincennes
):
    connecter(client, agent_vincennes)
    dossier = client.get(reverse("candidatures:dossier_pdf", args=[brouillon.pk]))
    texte = pypdf.PdfReader(io.BytesIO(dossier.content)).pages[0].extract_text()
    assert "Candidature de Vincennes" in texte
    questionnaire = client.get(
        reverse("candidatures:questionnaire", args=[brouillon.parcours.slug])
    )
    texte = pypdf.PdfReader(io.BytesIO(questionnaire.content)).pages[0].extract_text()
    assert "Contexte local" in texte


def test_the_completeness_check_lists_what_is_missing_per_section(
    client, brouillon, agent_vincennes
):
    connecter(client, agent_vincennes)
    page = client.get(reverse("candidatures:recapitulatif", args=[brouillon.pk])).content.decode()
    assert "Ce qui manque avant de pouvoir déposer" in page
    assert "Moyens matériels mis à disposition" in page
    assert "formulaire d&#x27;engagement signé" in page or "formulaire d'engagement signé" in page
    assert "Déposer la candidature</button>" not in page


def test_an_agent_of_several_territoires_chooses_which_one_applies(
    client, parcours_ouvert, agent_vincennes
):
    from tests.factories import AdhesionFactory, territoire

    AdhesionFactory(utilisateur=agent_vincennes, territoire=territoire("93048"))
    connecter(client, agent_vincennes)
    page = client.get(reverse("candidatures:demarrer", args=[parcours_ouvert.slug]))
    assert "Montreuil" in page.content.decode() and "Vincennes" in page.content.decode()
    client.post(
        reverse("candidatures:demarrer", args=[parcours_ouvert.slug]),
        {"territoire": territoire("93048").pk},
    )
    assert Candidature.objects.get().territoire.code == "93048"


def test_starting_again_reopens_the_existing_draft(client, brouillon, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.post(
        reverse("candidatures:demarrer", args=[brouillon.parcours.slug]),
        {"territoire": brouillon.territoire.pk},
    )
    assert reponse.url == reverse("candidatures:detail", args=[brouillon.pk])
    assert Candidature.objects.count() == 1


def test_the_agent_withdraws_after_confirming(client, brouillon, agent_vincennes):
    connecter(client, agent_vincennes)
    page = client.get(reverse("candidatures:retirer", args=[brouillon.pk]))
    assert "Confirmer le retrait" in page.content.decode()
    client.post(reverse("candidatures:retirer", args=[brouillon.pk]), {"etat": "brouillon"})
    assert Candidature.objects.get(pk=brouillon.pk).etat == "retiree"


def test_each_section_names_its_criterion_once_and_asks_its_question(client, agent_vincennes):
    import re

    from tests.candidatures.factories import CandidatureFactory
    from tracks.criteres import QUESTIONS, Critere

    candidature = CandidatureFactory()
    connecter(client, agent_vincennes)
    html = client.get(reverse("candidatures:modifier", args=[candidature.pk])).content.decode()
    for critere in Critere:
        section = html.split(f'id="section-{critere.value}"')[1].split("</fieldset>")[0]
        assert section.count(critere.label.replace("'", "&#x27;")) == 1, critere  # the legend
        libelle = re.search(r"<label[^>]*>(.*?)</label>", section, re.S).group(1)
        assert QUESTIONS[critere].replace("'", "&#x27;") in libelle


def test_the_pages_of_an_application_with_an_attachment_reopen(
    client, settings, brouillon, agent_vincennes
):
    """Issue 19.1: no page links to a private file's URL (there is none in production)."""
    settings.MEDIA_URL = None
    connecter(client, agent_vincennes)
    client.post(
        reverse("candidatures:pieces", args=[brouillon.pk]),
        {"nature": "engagement", "fichier": fichier_pdf()},
    )
    piece = brouillon.pieces.get()

    for nom in ("detail", "modifier", "pieces", "recapitulatif"):
        assert client.get(reverse(f"candidatures:{nom}", args=[brouillon.pk])).status_code == 200
    telechargement = client.get(
        reverse("candidatures:telecharger_piece", args=[brouillon.pk, piece.pk])
    )
    assert telechargement.status_code == 200
