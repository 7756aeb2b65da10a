# SPDX-License-Identifier: EUPL-1.2
"""Every document the portal prints, in the demo's realistic state, reads as French:
no doubled word ("Ouverte le le …") and no internal code where a label is expected
(issue 19, point 9)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from candidatures.documents import pdf_dossier, pdf_questionnaire
from candidatures.models import Candidature
from comite.models import SessionExamen
from conventions.models import DocumentConvention, LotGeneration
from tests.conventions.outils import texte_pdf
from tests.factories import connecter
from tests.textes import codes_affiches, mots_doubles
from tracks.models import Parcours


def lire(fichier) -> bytes:
    with fichier.open("rb") as f:
        return f.read()


def documents_imprimes() -> dict[str, str]:
    """Name -> extracted text of every PDF the demo stores or the portal renders on demand."""
    textes = {}
    for session in SessionExamen.objects.exclude(proces_verbal=""):
        textes[f"procès-verbal {session.pk}"] = texte_pdf(lire(session.proces_verbal))
    for candidature in Candidature.objects.exclude(accuse_pdf=""):
        textes[f"accusé {candidature.pk}"] = texte_pdf(lire(candidature.accuse_pdf))
    for candidature in Candidature.objects.exclude(deposee_le=None)[:5]:
        contenu = pdf_dossier(candidature, maintenant=timezone.now())
        textes[f"dossier {candidature.pk}"] = texte_pdf(contenu)
    for parcours in Parcours.objects.all()[:3]:
        textes[f"questionnaire {parcours.pk}"] = texte_pdf(pdf_questionnaire(parcours))
    for document in DocumentConvention.objects.all():
        if document.fichier.name.endswith(".pdf"):
            textes[f"convention {document.pk}"] = texte_pdf(lire(document.fichier))
    return textes


@pytest.mark.django_db
def test_the_demo_prints_the_three_kinds_of_documents(demo):
    noms = " ".join(documents_imprimes())
    assert "procès-verbal" in noms and "accusé" in noms and "convention" in noms


@pytest.mark.django_db
def test_no_printed_document_doubles_a_word(demo):
    doubles = {nom: mots_doubles(texte) for nom, texte in documents_imprimes().items()}
    assert not {nom: d for nom, d in doubles.items() if d}


@pytest.mark.django_db
def test_no_printed_document_shows_an_internal_code(demo):
    codes = {nom: codes_affiches(texte) for nom, texte in documents_imprimes().items()}
    assert not {nom: c for nom, c in codes.items() if c}


@pytest.mark.django_db
def test_the_batch_page_reads_requested_on_a_date_not_le_le(demo, client, agent_metropole):
    parcours = Parcours.objects.first()
    lot = LotGeneration.objects.create(parcours=parcours, demande_par=agent_metropole)
    connecter(client, agent_metropole)
    reponse = client.get(reverse("admin:conventions_lotgeneration_suivi", args=[lot.pk]))
    assert reponse.status_code == 200
    texte = reponse.content.decode()
    assert "Demandé le " in texte and not mots_doubles(texte)
