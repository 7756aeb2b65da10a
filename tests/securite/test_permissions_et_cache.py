# SPDX-License-Identifier: EUPL-1.2
"""Permissions-Policy on every response; personal pages and files never stored (issue 17.6)."""

import pytest
from django.urls import reverse

from candidatures.models import PieceJointe
from tests.candidatures.factories import CandidatureFactory, completer
from tests.factories import connecter

pytestmark = pytest.mark.django_db

POLITIQUE = "camera=()"


@pytest.fixture
def candidature(agent_vincennes):
    return completer(CandidatureFactory(etat="deposee", numero="AM-2026-0042"))


def url_piece(candidature) -> str:
    piece = PieceJointe.objects.get(candidature=candidature)
    return reverse("candidatures:telecharger_piece", args=[candidature.pk, piece.pk])


def interdit_le_stockage(reponse) -> bool:
    return "no-store" in reponse.get("Cache-Control", "")


def test_permissions_policy_on_a_public_page_the_login_page_and_a_404(client):
    for url, statut in (
        (reverse("core:accueil"), 200),
        (reverse("accounts:login"), 200),
        (reverse("admin:login"), 200),
        ("/page-qui-n-existe-pas/", 404),
    ):
        reponse = client.get(url)
        assert reponse.status_code == statut, url
        politique = reponse["Permissions-Policy"]
        for fonction in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert fonction in politique, (url, fonction)


def test_permissions_policy_on_the_admin_and_a_pdf_download(client, agent_metropole, candidature):
    connecter(client, agent_metropole)
    admin = client.get(reverse("admin:index"))
    pdf = client.get(reverse("candidatures:dossier_pdf", args=[candidature.pk]))
    assert (admin.status_code, pdf.status_code) == (200, 200)
    assert POLITIQUE in admin["Permissions-Policy"]
    assert POLITIQUE in pdf["Permissions-Policy"]


def test_permissions_policy_on_a_static_file(client):
    reponse = client.get("/static/css/portail.css")
    assert reponse.status_code == 200
    assert POLITIQUE in reponse["Permissions-Policy"]


def test_static_files_stay_cacheable_even_for_a_signed_in_user(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.get("/static/css/portail.css")
    assert reponse.status_code == 200
    assert not interdit_le_stockage(reponse)


def test_a_signed_in_users_page_is_never_stored(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("core:tableau_de_bord"))
    assert reponse.status_code == 200
    assert interdit_le_stockage(reponse)
    assert "private" in reponse["Cache-Control"]


def test_a_public_page_seen_by_a_signed_in_user_is_not_stored(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("core:accueil"))
    assert reponse.status_code == 200
    assert interdit_le_stockage(reponse)


def test_the_receipt_pdf_and_the_file_of_the_application_are_never_stored(
    client, agent_vincennes, candidature
):
    connecter(client, agent_vincennes)
    for url in (
        reverse("candidatures:accuse_pdf", args=[candidature.pk]),
        reverse("candidatures:dossier_pdf", args=[candidature.pk]),
    ):
        reponse = client.get(url)
        assert reponse.status_code == 200, url
        assert reponse["Content-Type"].startswith("application/pdf")
        assert interdit_le_stockage(reponse), url


def test_an_attachment_download_is_never_stored(client, agent_vincennes, candidature):
    connecter(client, agent_vincennes)
    reponse = client.get(url_piece(candidature))
    assert reponse.status_code == 200
    assert interdit_le_stockage(reponse)


def test_a_public_page_stays_cacheable_for_anonymous_visitors(client):
    for url in (reverse("core:accueil"), reverse("tracks:catalogue")):
        reponse = client.get(url)
        assert reponse.status_code == 200, url
        assert not interdit_le_stockage(reponse), url
