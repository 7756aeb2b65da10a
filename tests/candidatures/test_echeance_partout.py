# SPDX-License-Identifier: EUPL-1.2
"""One deadline wording everywhere, and the receipt's next steps with their dates
(COMPLIANCE 20, 21; issue 23)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse

from candidatures.models import Candidature
from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
from tests.comite.factories import SessionFactory
from tests.factories import connecter
from tracks.models import JalonPrevu

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
# A deadline in the week of the autumn DST change, at an hour that is not "12 h 00".
DATE_LIMITE = dt.datetime(2030, 10, 31, 23, 59, tzinfo=PARIS)
LIBELLE = "le jeudi 31 octobre 2030 à 23 h 59 (heure de Paris)"
SEANCE = dt.datetime(2030, 11, 21, 14, 30, tzinfo=PARIS)
LIBELLE_SEANCE = "le jeudi 21 novembre 2030 à 14 h 30 (heure de Paris)"
DECISION = "le jeudi 12 décembre 2030"


def texte_pdf(contenu: bytes) -> str:
    texte = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(contenu)).pages)
    return " ".join(texte.split())


@pytest.fixture
def depose(client, agent_vincennes, mailoutbox, django_capture_on_commit_callbacks):
    """A track closing on DATE_LIMITE, a sitting and a planned decision, one submission."""
    voyage = time_machine.travel(dt.datetime(2030, 10, 20, 10, tzinfo=PARIS), tick=True)
    voyage.start()
    parcours = ParcoursPublieFactory(date_limite=DATE_LIMITE)
    SessionFactory(date=SEANCE).parcours.add(parcours)
    JalonPrevu.objects.create(
        parcours=parcours, etape="laureats", date_prevue=dt.date(2030, 12, 12)
    )
    candidature = completer(CandidatureFactory(parcours=parcours, creee_par=agent_vincennes))
    connecter(client, agent_vincennes)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            reverse("candidatures:deposer", args=[candidature.pk]), {"etat": "brouillon"}
        )
    assert reponse.status_code == 302, reponse.content.decode()
    yield Candidature.objects.get(pk=candidature.pk)
    voyage.stop()


def test_the_deadline_reads_the_same_on_the_call_page_the_reminders_and_the_receipt(
    client, depose, mailoutbox
):
    parcours = depose.parcours
    textes = {
        "appel": client.get(reverse("tracks:detail", args=[parcours.slug])).content.decode(),
        "accusé (page)": client.get(
            reverse("candidatures:accuse", args=[depose.pk])
        ).content.decode(),
        "accusé (PDF)": texte_pdf(
            client.get(reverse("candidatures:accuse_pdf", args=[depose.pk])).content
        ),
        "accusé (courriel)": next(m for m in mailoutbox if depose.numero in m.subject).body,
    }
    for gabarit in (
        "rappel_echeance_brouillon.txt",
        "rappel_echeance_brouillon.html",
        "rappel_echeance_sans_candidature.txt",
        "parcours_publie.txt",
    ):
        textes[gabarit] = render_to_string(
            f"notifications/emails/{gabarit}", {"parcours": parcours, "jours": 7}
        )
    for ou, texte in textes.items():
        assert LIBELLE in texte, ou


def test_the_receipt_gives_the_next_steps_with_their_dates_and_the_service(
    client, depose, mailoutbox, settings
):
    page = client.get(reverse("candidatures:accuse", args=[depose.pk])).content.decode()
    pdf = texte_pdf(client.get(reverse("candidatures:accuse_pdf", args=[depose.pk])).content)
    courriel = next(m for m in mailoutbox if depose.numero in m.subject).body
    for ou, texte in {"page": page, "PDF": pdf, "courriel": courriel}.items():
        assert f"séance prévue, {LIBELLE_SEANCE}" in texte, ou
        assert f"la décision vous sera notifiée, {DECISION}" in texte, ou
        assert settings.SERVICE_INSTRUCTEUR["nom"].replace("'", "&#x27;") in texte or (
            settings.SERVICE_INSTRUCTEUR["nom"] in texte
        ), ou


def test_without_a_planned_sitting_the_receipt_says_the_date_is_not_fixed(client, agent_vincennes):
    parcours = ParcoursPublieFactory()
    candidature = CandidatureFactory(parcours=parcours, creee_par=agent_vincennes)
    from candidatures.accuses import etapes_suivantes

    examen = etapes_suivantes(candidature)[1]
    assert examen["quand"] == "date de séance non encore fixée" and examen["quand_texte"] == ""


def test_deliverable_deadlines_and_the_scoring_reminder_subject_use_the_deadline_wording():
    from types import SimpleNamespace

    livrable = SimpleNamespace(
        echeance=dt.date(2031, 3, 14),
        pk=1,
        get_nature_display="Rapport d'étape",
        territoire=SimpleNamespace(nom="Vincennes"),
        parcours=SimpleNamespace(titre="Parcours"),
    )
    for gabarit in ("rappel_livrable.txt", "rappel_livrable_en_retard.txt"):
        texte = render_to_string(
            f"notifications/emails/{gabarit}", {"livrable": livrable, "jours": 3}
        )
        assert "le vendredi 14 mars 2031 à 23 h 59 (heure de Paris)" in texte, gabarit
    sujet = render_to_string(
        "notifications/emails/rappel_notation_comite.sujet.txt",
        {"seance": SimpleNamespace(date=SEANCE)},
    )
    assert sujet.strip() == f"Rappel : notations à soumettre avant la séance {LIBELLE_SEANCE}"
