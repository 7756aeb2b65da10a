# SPDX-License-Identifier: EUPL-1.2
"""Every URL of an application, for people who do not own it: 404 (or login / 403), never data."""

import pytest
from django.urls import reverse

from candidatures.models import PieceJointe
from tests.candidatures.factories import CandidatureFactory, completer
from tests.factories import connecter

pytestmark = pytest.mark.django_db

URLS_CANDIDATURE = [
    ("detail", "get"),
    ("modifier", "get"),
    ("modifier", "post"),
    ("pieces", "get"),
    ("pieces", "post"),
    ("recapitulatif", "get"),
    ("deposer", "post"),
    ("retirer", "get"),
    ("retirer", "post"),
    ("accuse", "get"),
    ("accuse_pdf", "get"),
    ("dossier_pdf", "get"),
]
URLS_PIECE = [("telecharger_piece", "get"), ("supprimer_piece", "post")]


@pytest.fixture
def candidature(agent_vincennes):
    candidature = completer(CandidatureFactory(etat="deposee", numero="AM-2026-0042"))
    return candidature


def appeler(client, nom, methode, candidature):
    if nom in dict(URLS_PIECE):
        piece = PieceJointe.objects.get(candidature=candidature)
        url = reverse(f"candidatures:{nom}", args=[candidature.pk, piece.pk])
    else:
        url = reverse(f"candidatures:{nom}", args=[candidature.pk])
    return getattr(client, methode)(url)


@pytest.mark.parametrize(("nom", "methode"), URLS_CANDIDATURE + URLS_PIECE)
def test_another_territoires_agent_gets_404(client, candidature, agent_montreuil, nom, methode):
    connecter(client, agent_montreuil)
    assert appeler(client, nom, methode, candidature).status_code == 404


@pytest.mark.parametrize(("nom", "methode"), URLS_CANDIDATURE + URLS_PIECE)
def test_a_pending_member_gets_404(client, candidature, agent_en_attente, nom, methode):
    connecter(client, agent_en_attente)
    assert appeler(client, nom, methode, candidature).status_code == 404


@pytest.mark.parametrize(("nom", "methode"), URLS_CANDIDATURE + URLS_PIECE)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, candidature, nom, methode):
    reponse = appeler(client, nom, methode, candidature)
    assert reponse.status_code == 302
    assert reponse.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("nom", "methode"),
    [u for u in URLS_CANDIDATURE if u[0] not in ("detail", "accuse", "accuse_pdf", "dossier_pdf")]
    + [("supprimer_piece", "post")],
)
def test_staff_cannot_act_for_the_applicant(client, candidature, agent_metropole, nom, methode):
    connecter(client, agent_metropole)
    assert appeler(client, nom, methode, candidature).status_code == 404


def test_nothing_changed_after_foreign_attempts(client, candidature, agent_montreuil):
    connecter(client, agent_montreuil)
    for nom, methode in URLS_CANDIDATURE + URLS_PIECE:
        appeler(client, nom, methode, candidature)
    candidature.refresh_from_db(fields=["contexte", "numero"])
    assert candidature.pieces.count() == 1
    assert candidature.numero == "AM-2026-0042"


def test_my_applications_lists_only_my_territoires(client, candidature, agent_montreuil):
    connecter(client, agent_montreuil)
    page = client.get(reverse("candidatures:mes_candidatures")).content.decode()
    assert "Vincennes" not in page


def test_a_pending_member_cannot_start_an_application(client, agent_en_attente):
    from tests.candidatures.factories import ParcoursPublieFactory

    parcours = ParcoursPublieFactory()
    connecter(client, agent_en_attente)
    url = reverse("candidatures:demarrer", args=[parcours.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"territoire": 1}).status_code == 403


def test_an_agent_cannot_start_for_a_territoire_not_theirs(client, agent_montreuil):
    from candidatures.models import Candidature
    from tests.candidatures.factories import ParcoursPublieFactory
    from tests.factories import territoire

    parcours = ParcoursPublieFactory()
    connecter(client, agent_montreuil)
    client.post(
        reverse("candidatures:demarrer", args=[parcours.slug]),
        {"territoire": territoire("94080").pk},
    )
    assert not Candidature.objects.exists()


def test_the_file_download_is_an_attachment_with_nosniff(client, candidature, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = appeler(client, "telecharger_piece", "get", candidature)
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment")
    assert reponse["X-Content-Type-Options"] == "nosniff"


def test_staff_downloads_are_logged(client, candidature, agent_metropole):
    from audit.models import Evenement

    connecter(client, agent_metropole)
    assert appeler(client, "telecharger_piece", "get", candidature).status_code == 200
    evenement = Evenement.objects.pour(candidature).get(action=Evenement.Action.TELECHARGEMENT)
    assert evenement.acteur == agent_metropole
