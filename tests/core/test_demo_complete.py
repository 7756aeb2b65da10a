# SPDX-License-Identifier: EUPL-1.2
"""The whole demo, as each persona sees it: no page of the navigation answers an error.

The demo data are built once by the real command, then each persona follows the links of
the home page, the dashboard and the menus (same origin, GET only), and each back-office
persona opens the admin index and every changelist it shows.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.test import TestCase, override_settings

from accounts.demo import PERSONAS
from accounts.models import User
from tests.factories import connecter

PAGES_MAX = 60
DEPARTS = ["/tableau-de-bord/", "/"]
LIEN = re.compile(r'<a\s[^>]*href="([^"]+)"', re.IGNORECASE)
# Logout, file downloads and exports change nothing worth crawling here or are not pages.
A_EVITER = re.compile(
    r"deconnexion|logout|telecharger|/documents/|export|\.pdf$|\.csv$|\.ics$|/media|/static/"
)
CHANGELIST = re.compile(r"^/admin/[a-z_]+/[a-z_]+/$")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the module (slow: PDFs are rendered), rolled back after it.

    Built inside a transaction kept open for the module (each test runs in a savepoint), with
    the after-commit work run as on a real commit; rolling back, rather than flushing, keeps
    what the migrations load (territoires, periodic tasks) for the other tests.
    """
    with django_db_blocker.unblock():
        bloc = transaction.atomic()
        bloc.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True), override_settings(DEMO=True):
                call_command("donnees_demo", "--wet-run")
            yield
        finally:
            transaction.set_rollback(True)
            bloc.__exit__(None, None, None)


def liens(contenu: str) -> list[str]:
    """The same-origin paths linked from a page, without fragments."""
    trouves = []
    for href in LIEN.findall(contenu):
        href = urldefrag(unescape(href))[0]
        morceaux = urlsplit(href)
        if morceaux.scheme or morceaux.netloc or not href.startswith("/"):
            continue
        if A_EVITER.search(href):
            continue
        trouves.append(href)
    return trouves


def ouvrir(client, url: str, erreurs: list[str]):
    """GET a page; record a server error or a template error instead of stopping."""
    try:
        reponse = client.get(url)
    except (TemplateSyntaxError, TemplateDoesNotExist) as exc:
        erreurs.append(f"{url} : erreur de gabarit {exc!r}")
        return None
    except Exception as exc:  # noqa: BLE001 - every crash is a finding of the smoke test
        erreurs.append(f"{url} : exception {exc!r}")
        return None
    if reponse.status_code >= 500:
        erreurs.append(f"{url} : {reponse.status_code}")
        return None
    return reponse


def parcourir(client, departs: list[str], *, admin: bool) -> tuple[set[str], list[str]]:
    """Breadth-first walk from ``departs``; front office only unless ``admin``."""
    vus, erreurs, file = set(), [], deque(departs)
    while file and len(vus) < PAGES_MAX:
        url = file.popleft()
        if url in vus or (not admin and url.startswith("/admin/")):
            continue
        vus.add(url)
        reponse = ouvrir(client, url, erreurs)
        if reponse is None or reponse.status_code != 200:
            continue
        if "html" not in reponse.get("Content-Type", ""):
            continue
        file.extend(lien for lien in liens(reponse.content.decode()) if lien not in vus)
    return vus, erreurs


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [p.cle for p in PERSONAS])
def test_every_page_of_the_demo_opens_for_each_persona(demo, client, persona):
    email = next(p.email for p in PERSONAS if p.cle == persona)
    user = User.objects.get(email=email)
    connecter(client, user)
    vus, erreurs = parcourir(client, DEPARTS, admin=False)
    assert len(vus) > 5
    if user.is_staff:
        index = ouvrir(client, "/admin/", erreurs)
        assert index is not None and index.status_code == 200
        listes = sorted({lien for lien in liens(index.content.decode()) if CHANGELIST.match(lien)})
        assert listes, "aucune liste visible dans l'administration"
        for url in listes:
            reponse = ouvrir(client, url, erreurs)
            if reponse is not None:
                assert reponse.status_code in (200, 302), url
    assert erreurs == []


@pytest.mark.django_db
def test_vincennes_legal_representative_can_sign_the_convention_sent_to_him(demo, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from conventions.models import Convention

    convention = Convention.objects.get(
        etat=Convention.Etat.ENVOYEE, candidature__territoire__code="94080"
    )
    representant = User.objects.get(email="maire.vincennes@exemple.fr")
    connecter(client, representant)
    assert f"/conventions/{convention.pk}/" in client.get("/conventions/").content.decode()
    page = client.get(f"/conventions/{convention.pk}/")
    assert page.context["peut_signer"] is True
    with convention.document.fichier.open("rb") as fichier:
        scan = SimpleUploadedFile("signee.pdf", fichier.read(), content_type="application/pdf")
    client.post(
        f"/conventions/{convention.pk}/deposer-signee/",
        {"fichier": scan, "etat_attendu": "envoyee"},
    )
    assert Convention.objects.get(pk=convention.pk).etat != Convention.Etat.ENVOYEE


@pytest.mark.django_db
def test_the_demo_can_be_built_twice(demo, settings):
    settings.DEMO = True
    call_command("donnees_demo", "--wet-run")
