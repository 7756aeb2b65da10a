# SPDX-License-Identifier: EUPL-1.2
"""Bad input is refused with a clear French message, and nothing already saved is lost."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidatures.models import Candidature, CompteurAccuse
from tests.candidatures.conftest import fichier_exe, fichier_pdf, octets_pdf
from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
from tests.factories import connecter

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def joindre(client, candidature, fichier, nature="engagement"):
    return client.post(
        reverse("candidatures:pieces", args=[candidature.pk]),
        {"nature": nature, "fichier": fichier},
    )


def test_an_exe_renamed_pdf_is_refused(client, brouillon, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = joindre(client, brouillon, fichier_exe())
    assert reponse.status_code == 200
    assert "Le contenu de ce fichier n&#x27;est pas accepté" in reponse.content.decode()
    assert not brouillon.pieces.exists()


def test_a_fake_pdf_with_only_the_signature_is_refused(client, brouillon, agent_vincennes):
    connecter(client, agent_vincennes)
    faux = SimpleUploadedFile("engagement.pdf", b"%PDF-1.7\nceci n'est pas un PDF")
    joindre(client, brouillon, faux)
    assert not brouillon.pieces.exists()


def test_an_11_mb_file_is_refused(client, brouillon, agent_vincennes):
    connecter(client, agent_vincennes)
    gros = SimpleUploadedFile("annexe.pdf", octets_pdf() + b"\0" * (11 * 1024 * 1024))
    reponse = joindre(client, brouillon, gros, nature="annexe")
    assert "la taille maximale est de 10 Mo" in reponse.content.decode()
    assert not brouillon.pieces.exists()


def test_the_application_total_is_limited_to_30_mb(client, brouillon, agent_vincennes, settings):
    settings.UPLOAD_MAX_DOSSIER = len(octets_pdf()) * 3 // 2
    connecter(client, agent_vincennes)
    assert joindre(client, brouillon, fichier_pdf("a.pdf"), "annexe").status_code == 302
    reponse = joindre(client, brouillon, fichier_pdf("b.pdf"), "annexe")
    assert "au-delà de" in reponse.content.decode()
    assert brouillon.pieces.count() == 1


def test_an_image_annex_is_accepted_but_not_as_engagement_form(client, brouillon, agent_vincennes):
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
        b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
        b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    connecter(client, agent_vincennes)
    joindre(client, brouillon, SimpleUploadedFile("plan.png", png), "engagement")
    assert not brouillon.pieces.exists()
    joindre(client, brouillon, SimpleUploadedFile("plan.png", png), "annexe")
    assert brouillon.pieces.get().type_contenu == "image/png"


def test_a_name_with_a_path_is_sanitised():
    from core.uploads import nom_sain

    assert nom_sain("../../etc/passwd", extension="pdf") == "passwd.pdf"
    assert (
        nom_sain("C:\\Users\\x\\rapport final.exe.pdf", extension="pdf") == "rapport final.exe.pdf"
    )
    assert nom_sain("\x00\n.pdf", extension="pdf") == "document.pdf"


def test_a_second_application_by_the_same_territoire_is_refused(brouillon):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        CandidatureFactory(parcours=brouillon.parcours, territoire=brouillon.territoire)


def test_a_double_click_on_submit_gives_one_submission_and_one_number(
    client, brouillon_complet, agent_vincennes
):
    connecter(client, agent_vincennes)
    url = reverse("candidatures:deposer", args=[brouillon_complet.pk])
    premier = client.post(url, {"etat": "brouillon"})
    second = client.post(url, {"etat": "brouillon"}, follow=True)
    assert premier.url == second.redirect_chain[-1][0]
    assert "déjà déposée" in second.content.decode()
    assert CompteurAccuse.objects.get().dernier == 1
    assert Candidature.objects.get().etat == "deposee"


# Deadline, to the second, Europe/Paris (COMPLIANCE 19) ------------------------------------


def a_la_limite(limite: dt.datetime):
    parcours = ParcoursPublieFactory(date_limite=limite)
    return completer(CandidatureFactory(parcours=parcours))


def deposer_a(client, candidature, moment):
    with time_machine.travel(moment, tick=False):
        return client.post(
            reverse("candidatures:deposer", args=[candidature.pk]),
            {"etat": "brouillon"},
            follow=True,
        )


@pytest.mark.parametrize(
    "limite",
    [
        dt.datetime(2026, 1, 15, 12, 0, tzinfo=PARIS),
        dt.datetime(2026, 3, 29, 12, 0, tzinfo=PARIS),  # week of the change to summer time
        dt.datetime(2026, 10, 25, 2, 30, tzinfo=PARIS),  # the repeated hour, first pass
    ],
)
def test_submission_one_second_before_the_deadline_is_accepted(client, agent_vincennes, limite):
    with time_machine.travel(limite - dt.timedelta(days=2)):
        candidature = a_la_limite(limite)
    connecter(client, agent_vincennes)
    deposer_a(client, candidature, limite - dt.timedelta(seconds=1))
    assert Candidature.objects.get(pk=candidature.pk).etat == "deposee"


@pytest.mark.parametrize(
    "limite",
    [
        dt.datetime(2026, 1, 15, 12, 0, tzinfo=PARIS),
        dt.datetime(2026, 3, 29, 12, 0, tzinfo=PARIS),
        dt.datetime(2026, 10, 25, 2, 30, tzinfo=PARIS),
    ],
)
def test_submission_at_the_deadline_is_refused_and_the_draft_kept(client, agent_vincennes, limite):
    with time_machine.travel(limite - dt.timedelta(days=2)):
        candidature = a_la_limite(limite)
    connecter(client, agent_vincennes)
    for retard in (0, 1):
        page = deposer_a(client, candidature, limite + dt.timedelta(seconds=retard))
        assert "La date limite de dépôt était fixée" in page.content.decode()
    candidature = Candidature.objects.get(pk=candidature.pk)
    assert candidature.etat == "brouillon" and candidature.numero is None
    assert candidature.contexte  # nothing lost
    with time_machine.travel(limite + dt.timedelta(minutes=5)):
        page = client.get(reverse("candidatures:detail", args=[candidature.pk]))
    assert page.status_code == 200 and "ne peut plus être déposé" in page.content.decode()


# Two agents at once ----------------------------------------------------------------------


def test_the_second_save_of_a_stale_draft_shows_both_versions_and_loses_nothing(
    client, brouillon, agent_vincennes
):
    from tests.candidatures.test_parcours_candidat import reponses
    from tests.factories import agent_de

    collegue = agent_de("94080", utilisateur__nom_complet="Paul Durand")
    version_vue = brouillon.version
    connecter(client, collegue)
    client.post(
        reverse("candidatures:modifier", args=[brouillon.pk]),
        reponses(brouillon, contexte="Version de Paul"),
    )
    connecter(client, agent_vincennes)
    page = client.post(
        reverse("candidatures:modifier", args=[brouillon.pk]),
        reponses(brouillon, contexte="Version de Claire", version=version_vue),
    )
    contenu = page.content.decode()
    assert page.status_code == 200
    assert "Paul Durand a enregistré ce dossier" in contenu
    assert "Version de Paul" in contenu and "Version de Claire" in contenu
    assert Candidature.objects.get(pk=brouillon.pk).contexte == "Version de Paul"
    # Saving again from the page (which now carries the new version) applies Claire's text.
    client.post(
        reverse("candidatures:modifier", args=[brouillon.pk]),
        reponses(brouillon, contexte="Version de Claire", version=version_vue + 1),
    )
    candidature = Candidature.objects.get(pk=brouillon.pk)
    assert candidature.contexte == "Version de Claire"
    assert candidature.modifiee_par == agent_vincennes
