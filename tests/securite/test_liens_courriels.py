# SPDX-License-Identifier: EUPL-1.2
"""Links in e-mails and notices come from SITE_URL, never from the Host header (issues 17.6, 19.15)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from core.liens import url_absolue
from notifications import outbox
from notifications.models import Message
from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
from tests.factories import MOT_DE_PASSE, connecter, territoire

pytestmark = pytest.mark.django_db

SITE = "https://appropriation.metropolegrandparis.fr"
HOTE_HOSTILE = "evil.example:8443"
reglages = override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["evil.example", "testserver"])
RACINE = Path(__file__).resolve().parents[2]


def liens(texte: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", texte)


def seulement_le_site(courriel) -> None:
    """Every link of the text and HTML versions starts with SITE_URL."""
    textes = [courriel.body] + [contenu for contenu, _ in getattr(courriel, "alternatives", [])]
    trouves = [lien for texte in textes for lien in liens(texte)]
    assert trouves, "le courriel ne contient aucun lien"
    assert "evil.example" not in "".join(textes)
    for lien in trouves:
        assert lien.startswith(SITE + "/"), lien


@reglages
def test_the_password_reset_link_ignores_the_host_header(
    client, agent_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the response
        reponse = client.post(
            reverse("accounts:password_reset"),
            {"email": "agent@vincennes.fr"},
            headers={"host": HOTE_HOSTILE},
        )
    assert reponse.status_code == 302
    (courriel,) = mailoutbox
    seulement_le_site(courriel)
    assert f"{SITE}/compte/mot-de-passe/nouveau/" in courriel.body


@reglages
def test_the_deposit_receipt_links_to_site_url(
    client, agent_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    candidature = completer(
        CandidatureFactory(parcours=ParcoursPublieFactory(), creee_par=agent_vincennes),
        par=agent_vincennes,
    )
    connecter(client, agent_vincennes)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            reverse("candidatures:deposer", args=[candidature.pk]),
            {"etat": "brouillon"},
            headers={"host": HOTE_HOSTILE},
        )
    assert reponse.status_code == 302
    (courriel,) = [m for m in mailoutbox if "reçue" in m.body]
    seulement_le_site(courriel)
    assert url_absolue(reverse("candidatures:accuse", args=[candidature.pk])) in courriel.body


@reglages
def test_the_membership_request_links_to_site_url(
    client, representant_vincennes, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:inscription"),
            {
                "nom_complet": "Sophie Durand",
                "email": "sophie.durand@vincennes.fr",
                "fonction": "Directrice des systèmes d'information",
                "territoire": territoire("94080").pk,
                "role": "agent",
                "password1": MOT_DE_PASSE + "!",
                "password2": MOT_DE_PASSE + "!",
            },
            headers={"host": HOTE_HOSTILE},
        )
    (courriel,) = [m for m in mailoutbox if m.to == ["maire@vincennes.fr"]]
    seulement_le_site(courriel)


@reglages
def test_links_of_the_html_version_are_clickable(
    agent_vincennes, django_capture_on_commit_callbacks
):
    message = outbox.preparer(
        destinataire=agent_vincennes,
        gabarit="rappel_livrable",
        contexte={"livrable": _Livrable()},
    )
    assert f'<a href="{SITE}/suivi/livrables/7/"' in message.corps_html
    # Plain text: each link alone on its line, so that every mail client makes it clickable.
    assert f"\n{SITE}/suivi/livrables/7/\n" in message.corps_texte
    lignes = [ligne.strip() for ligne in message.corps_texte.splitlines() if "://" in ligne]
    assert lignes == [f"{SITE}/suivi/livrables/7/", f"{SITE}/notifications/"]


class _Livrable:
    pk = 7
    echeance = None
    territoire = type("T", (), {"nom": "Vincennes"})()
    parcours = type("P", (), {"titre": "Aires de livraison"})()

    def get_nature_display(self) -> str:
        return "Bilan"


@reglages
def test_a_notice_in_the_notification_centre_has_a_clickable_link(client, agent_vincennes):
    outbox.notifier(
        destinataire=agent_vincennes,
        gabarit="rappel_livrable",
        contexte={"livrable": _Livrable()},
    )
    connecter(client, agent_vincennes)
    page = client.get(reverse("notifications:centre"), headers={"host": HOTE_HOSTILE})
    assert page.status_code == 200
    assert f'<a href="{SITE}/suivi/livrables/7/"' in page.content.decode()


@reglages
def test_a_notice_seen_by_staff_in_the_outbox_has_a_clickable_link(
    client, agent_metropole, agent_vincennes
):
    message = outbox.notifier(
        destinataire=agent_vincennes,
        gabarit="rappel_livrable",
        contexte={"livrable": _Livrable()},
    )
    connecter(client, agent_metropole)
    page = client.get(reverse("admin:notifications_message_change", args=[message.pk]))
    assert page.status_code == 200
    assert f'<a href="{SITE}/suivi/livrables/7/"' in page.content.decode()
    assert Message.objects.count() == 1


def test_url_absolue_joins_site_url_and_the_path():
    with override_settings(SITE_URL="https://portail.example.fr/"):
        assert url_absolue("/compte/") == "https://portail.example.fr/compte/"


ENV_PRODUCTION = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "appropriation.settings",
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "une-cle-de-production-longue-et-aleatoire-0987654321",
    "ALLOWED_HOSTS": "appropriation.metropolegrandparis.fr",
    "DATABASE_URL": "sqlite:////tmp/appropriation-check-site-url.sqlite3",
    "STATIC_ROOT": "/tmp/appropriation-check-site-url-static",
    "MEDIA_ROOT": "/tmp/appropriation-check-site-url-media",
    "HEBERGEUR_NOM": "Hébergeur Exemple SAS",
    "HEBERGEUR_ADRESSE": "1 rue de l'Exemple, 75001 Paris",
    "HEBERGEUR_TELEPHONE": "01 23 45 67 89",
}


def demarrer(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=RACINE,
        env={**ENV_PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "site_url",
    [
        None,  # missing: the demo's http://127.0.0.1:8000 must not reach production mails
        "http://appropriation.metropolegrandparis.fr",  # HTTP while the portal is HTTPS
        "https://portail.example.org",  # not this portal (not in ALLOWED_HOSTS)
        "https://appropriation.metropolegrandparis.fr/sous-dossier",
    ],
)
def test_production_refuses_a_missing_or_foreign_site_url(site_url):
    resultat = demarrer(**({"SITE_URL": site_url} if site_url else {}))
    assert resultat.returncode != 0
    assert "SITE_URL" in resultat.stderr


def test_production_starts_with_its_public_address():
    resultat = demarrer(SITE_URL="https://appropriation.metropolegrandparis.fr/")
    assert resultat.returncode == 0, resultat.stderr
