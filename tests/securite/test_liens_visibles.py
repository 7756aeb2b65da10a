# SPDX-License-Identifier: EUPL-1.2
"""No link to a page the user cannot open (issue 20.1).

Why: a link that leads to "403", "404" or an error page tells the user the portal is broken,
and a button they cannot use is noise. For each role of the demo world, the test starts from
the start page, the admin index and the main lists, follows every same-origin link it is
shown (breadth-first, GET only, each URL once, bounded), and fails on any 403/404/5xx behind
a visible link, naming the page that showed it.
"""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import connecter
from tests.securite.monde import ROLES, construire_monde

pytestmark = pytest.mark.django_db

MAX_PAGES = 400
PAR_FORME = 3  # pages of one shape (``/admin/x/N/change/``) opened: the same template
DEPARTS = (
    "core:accueil",
    "core:tableau_de_bord",
    "admin:index",
    "tracks:catalogue",
    "candidatures:mes_candidatures",
)
# Links that end the session or change something on GET are never followed.
EXCLUS = ("/compte/deconnexion/", "/admin/logout/")


class _Liens(HTMLParser):
    """The ``href`` of every ``<a>`` of a page, except downloads and in-page anchors."""

    def __init__(self):
        super().__init__()
        self.liens: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attributs = dict(attrs)
        href = attributs.get("href")
        if not href or "download" in attributs or href.startswith(("#", "mailto:", "tel:")):
            return
        self.liens.append(href)


def _liens(page: str, html: str) -> list[str]:
    analyse = _Liens()
    analyse.feed(html)
    urls = []
    for href in analyse.liens:
        url, _ = urldefrag(urljoin("http://testserver" + page, href))
        morceaux = urlsplit(url)
        if morceaux.netloc != "testserver":
            continue
        # The query string (sorting, filters, pagination, "return to" parameters) is
        # dropped: the page behind a link is the same view, and following every
        # combination would never end.
        chemin = morceaux.path
        if chemin.startswith(EXCLUS) or chemin.startswith(("/static/", "/media/")):
            continue
        urls.append(chemin)
    return urls


def _departs() -> list[str]:
    urls = []
    for nom in DEPARTS:
        try:
            urls.append(reverse(nom))
        except Exception:  # noqa: BLE001 - a start page an app does not have
            continue
    return urls


def parcourir(client: Client) -> tuple[int, list[str]]:
    """Follow every visible link from the start pages; (pages seen, broken links)."""
    vus: set[str] = set()
    file: deque[tuple[str, str]] = deque((url, "(départ)") for url in _departs())
    formes: Counter[str] = Counter()
    casses = []
    pages = 0
    while file and pages < MAX_PAGES:
        url, origine = file.popleft()
        forme = re.sub(r"/\d+/", "/N/", url)
        if url in vus or formes[forme] >= PAR_FORME:
            continue
        vus.add(url)
        formes[forme] += 1
        reponse = client.get(url)
        pages += 1
        if reponse.status_code in (403, 404) or reponse.status_code >= 500:
            if origine != "(départ)":
                casses.append(f"{reponse.status_code} {url}  ← lien vu sur {origine}")
            continue
        if reponse.status_code in (301, 302):
            # "Voir sur le site" is a redirect (/admin/r/…): where it lands is what the user sees.
            cible = urlsplit(urljoin("http://testserver" + url, reponse["Location"]))
            if cible.netloc == "testserver" and cible.path not in vus:
                file.appendleft((cible.path, origine))
            continue
        if reponse.status_code != 200:
            continue
        if "text/html" not in reponse.get("Content-Type", ""):
            continue
        for lien in _liens(url, reponse.content.decode("utf-8", "replace")):
            if lien not in vus:
                file.append((lien, url))
    return pages, casses


def completer_monde(monde) -> None:
    """What the matrix's world lacks and broke links once: a draft track, a closed session."""
    from comite.models import SessionExamen
    from tests.comite.factories import SessionFactory, convoquer
    from tests.tracks.factories import ParcoursFactory

    ParcoursFactory()  # a draft: no public page yet
    u = monde.utilisateurs
    close = SessionFactory(president=u["president"])
    close.parcours.add(monde.parcours_instruction)
    convoquer(close, u["president"], u["membre"], u["staff"])
    SessionExamen.objects.filter(pk=close.pk).update(etat=SessionExamen.Etat.CLOSE)


@pytest.mark.parametrize("role", ROLES)
def test_no_visible_link_leads_to_an_error_page(role):
    monde = construire_monde()
    completer_monde(monde)
    client = Client()
    if role != "anonyme":
        connecter(client, monde.utilisateurs[role])
    pages, casses = parcourir(client)
    assert pages > 3
    assert not casses, "\n".join(casses)


def test_a_role_without_the_right_sees_no_transition_button(client):
    monde = construire_monde()
    url = reverse("admin:tracks_parcours_change", args=[monde.parcours_publie.pk])
    connecter(client, monde.utilisateurs["expert"])
    page = client.get(url).content.decode()
    assert "Vous n'avez pas le droit" not in page
    assert "actions-transitions" not in page
    connecter(client, monde.utilisateurs["staff"])
    assert "actions-transitions" in client.get(url).content.decode()
