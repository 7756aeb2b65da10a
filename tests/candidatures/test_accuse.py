# SPDX-License-Identifier: EUPL-1.2
"""The acknowledgement of receipt (COMPLIANCE 20): number, time to the second, contents."""

import io
import threading

import pypdf
import pytest
from django.urls import reverse

from candidatures import accuses
from candidatures.models import Candidature, CompteurAccuse
from core.workflow import appliquer
from tests.factories import connecter

pytestmark = pytest.mark.django_db


@pytest.fixture
def deposee(brouillon_complet, agent_vincennes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        appliquer(brouillon_complet, "deposer", par=agent_vincennes, etat_attendu="brouillon")
    return Candidature.objects.avec_relations().get(pk=brouillon_complet.pk)


def texte_pdf(contenu: bytes) -> str:
    lecteur = pypdf.PdfReader(io.BytesIO(contenu))
    return " ".join(p.extract_text() for p in lecteur.pages).replace("\n", " ")


def test_the_pdf_is_generated_after_commit_and_stored_with_its_checksum(deposee):
    from core.pdf import sha256

    assert deposee.accuse_pdf
    with deposee.accuse_pdf.open("rb") as fichier:
        assert sha256(fichier.read()) == deposee.accuse_sha256


def test_the_submission_request_does_not_render_the_pdf(
    client, brouillon_complet, agent_vincennes, monkeypatch
):
    """The PDF is queued after commit (Celery); the request only writes the database."""
    rendus = []
    monkeypatch.setattr(accuses, "apres_depot", lambda pk: rendus.append(pk))
    connecter(client, agent_vincennes)
    client.post(reverse("candidatures:deposer", args=[brouillon_complet.pk]), {"etat": "brouillon"})
    candidature = Candidature.objects.get(pk=brouillon_complet.pk)
    assert candidature.numero and not candidature.accuse_pdf


def test_the_pdf_is_rendered_on_demand_if_the_task_did_not_run(
    client, brouillon_complet, agent_vincennes, monkeypatch
):
    monkeypatch.setattr(accuses, "apres_depot", lambda pk: None)
    connecter(client, agent_vincennes)
    client.post(reverse("candidatures:deposer", args=[brouillon_complet.pk]), {"etat": "brouillon"})
    reponse = client.get(reverse("candidatures:accuse_pdf", args=[brouillon_complet.pk]))
    assert reponse.status_code == 200
    assert Candidature.objects.get(pk=brouillon_complet.pk).accuse_pdf


def test_the_pdf_holds_everything_the_law_asks_for(deposee, settings):
    from core.formats import horodatage

    texte = texte_pdf(accuses.pdf_accuse(deposee))
    for attendu in [
        deposee.numero,
        horodatage(deposee.deposee_le),
        deposee.parcours.titre,
        "Vincennes",
        "Claire Martin",
        settings.SERVICE_INSTRUCTEUR["adresse"],
        settings.SERVICE_INSTRUCTEUR["courriel"],
        settings.SERVICE_INSTRUCTEUR["telephone"],
        "Et ensuite ?",
        "recevabilité",
    ]:
        assert attendu in texte, attendu
    assert deposee.pieces.get().nom in texte.replace(" ", "")
    assert deposee.pieces.get().sha256[:16] in texte.replace(" ", "")


def test_the_pdf_is_archival(deposee):
    lecteur = pypdf.PdfReader(io.BytesIO(accuses.pdf_accuse(deposee)))
    assert 'pdfaid:part="3"' in lecteur.xmp_metadata.stream.get_data().decode()
    assert lecteur.trailer["/Root"]["/Lang"] == "fr"


def test_the_email_lists_number_time_and_documents(deposee, mailoutbox):
    from core.formats import horodatage

    courriel = [m for m in mailoutbox if deposee.numero in m.subject][0]
    assert horodatage(deposee.deposee_le) in courriel.body
    assert deposee.pieces.get().sha256 in courriel.body
    assert reverse("candidatures:accuse", args=[deposee.pk]) in courriel.body


def test_numbers_follow_each_other_within_a_year():
    import datetime as dt

    from django.utils import timezone

    moment = timezone.make_aware(dt.datetime(2026, 12, 31, 23, 59, 59))
    assert accuses.allouer_numero(moment) == "AM-2026-0001"
    assert accuses.allouer_numero(moment) == "AM-2026-0002"
    assert accuses.allouer_numero(moment + dt.timedelta(seconds=1)) == "AM-2027-0001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_share_a_number(postgres):
    """On PostgreSQL, the counter row lock serialises parallel submissions."""
    from django.db import connection
    from django.utils import timezone

    numeros, erreurs = [], []

    def allouer():
        try:
            numeros.append(accuses.allouer_numero(timezone.now()))
        except Exception as erreur:  # pragma: no cover - reported below
            erreurs.append(erreur)
        finally:
            connection.close()

    fils = [threading.Thread(target=allouer) for _ in range(8)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert not erreurs
    assert len(set(numeros)) == 8
    assert CompteurAccuse.objects.get().dernier == 8


def test_the_receipt_page_is_readable_by_staff(client, deposee, agent_metropole):
    connecter(client, agent_metropole)
    page = client.get(reverse("candidatures:accuse", args=[deposee.pk]))
    assert deposee.numero in page.content.decode()
