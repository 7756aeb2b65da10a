# SPDX-License-Identifier: EUPL-1.2
"""Load scenarios of issue 10, run headless by bench/run.sh (never by pytest).

One user class per scenario, chosen on the command line:

    locust -f bench/locustfile.py --headless -u 30 -r 10 -t 60s --host http://127.0.0.1:8011 Visiteur

- ``Baseline``: the minimal view of bench/urls.py (same gunicorn, same middleware).
- ``BaselineConnecte``: the same for a signed-in agent (session read and saved, 2FA check):
  the floor under any signed-in page, reported beside the baseline.
- ``Visiteur``: anonymous public pages and open-data exports.
- ``Agent``: an agent of a commune on their applications (list, detail, form GET and save,
  attachments page and upload of a small PDF).
- ``Membre``: a committee member on the scoring pages of the admin (real login + TOTP).
- ``Staff``: a Métropole agent on the admin lists and dashboards (real login + TOTP).
- ``Deposant``: the deadline rush, one user per commune, each submits once at the same instant.

Two ways of running the same classes (bench/run.sh does both):

- realistic (default): each user thinks 0.5 to 1.5 s between two pages; the latencies
  (median, p95) are judged on this run. The statistics are reset once every user has logged
  in, so that the start-up storm of 30 simultaneous logins (PBKDF2, about half a second of
  CPU each) is not counted as page latency; the logins' own timings are written beforehand
  to ``var/bench/connexions-<classe>.json``.
- saturated (``ATTENTE=0``): no think time, like the baseline; the throughput (requests per
  second) is judged on this run, as a ratio to the baseline's.

Accounts and ids come from var/bench-comptes.json written by bench/generer.py.
"""

import io
import itertools
import json
import os
import random
import re
import time
from pathlib import Path

from django_otp.oath import TOTP
from locust import HttpUser, between, constant, events, task

RACINE = Path(__file__).resolve().parent.parent
COMPTES = json.loads((RACINE / "var" / "bench-comptes.json").read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def _pdf_d_une_page() -> bytes:
    """A real one-page PDF: the portal reads uploads with pypdf and refuses a page-less one."""
    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    sortie = io.BytesIO()
    ecrivain.write(sortie)
    return sortie.getvalue()


PDF = _pdf_d_une_page()

_agents = itertools.cycle([a for a in COMPTES["agents"] if a["brouillon"]])
_membres = itertools.cycle(COMPTES["membres"])
_staff = itertools.cycle(COMPTES["staff"])
_partie = os.environ.get("RUSH_PART")  # scale-out: each Locust process takes half the communes
_deposants = iter(COMPTES["agents"][int(_partie) :: 2] if _partie else COMPTES["agents"])
SATURE = os.environ.get("ATTENTE") == "0"
PAGES = constant(0) if SATURE else between(0.5, 1.5)
_connectes = itertools.count(1)
_sessions: dict[str, dict] = {}  # account e-mail -> cookies of the first user logged in with it
_en_cours: set[str] = set()
ETAPES_CONNEXION = (
    "connexion (GET)",
    "connexion (POST)",
    "second facteur (GET)",
    "second facteur (POST)",
)


def _apres_connexion(environment, classe: str) -> None:
    """Once every user is logged in: keep the logins' timings aside, then reset the stats."""
    if next(_connectes) != environment.runner.target_user_count:
        return
    stats = environment.runner.stats
    connexions = {
        nom: {
            "requetes": entree.num_requests,
            "mediane_ms": entree.get_response_time_percentile(0.5),
            "p95_ms": entree.get_response_time_percentile(0.95),
        }
        for (nom, _), entree in stats.entries.items()
        if nom in ETAPES_CONNEXION
    }
    (RACINE / "var" / "bench" / f"connexions-{classe}.json").write_text(
        json.dumps(connexions, ensure_ascii=False, indent=1)
    )
    stats.reset_all()


def _csrf(reponse) -> str:
    m = CSRF.search(reponse.text)
    return m.group(1) if m else ""


class Connecte(HttpUser):
    abstract = True
    wait_time = PAGES
    compte: dict

    def connexion(self, compte: dict) -> None:
        """The real flow: login form, then the TOTP page for back-office accounts.

        There are more users than accounts (25 members, 10 Métropole agents for 30 users): a
        second user of an account takes the first one's session cookie, as a second browser
        tab would, instead of waiting 30 s for a new single-use TOTP code.
        """
        for _ in range(300):  # another user is logging in with this account: wait for it
            if compte["email"] not in _en_cours or compte["email"] in _sessions:
                break
            time.sleep(0.2)  # gevent-patched: the other users go on
        if compte["email"] in _sessions:
            self.client.cookies.update(_sessions[compte["email"]])
            self.connecte = True
            _apres_connexion(self.environment, type(self).__name__)
            return
        _en_cours.add(compte["email"])
        page = self.client.get("/compte/connexion/", name="connexion (GET)")
        r = self.client.post(
            "/compte/connexion/",
            {
                "csrfmiddlewaretoken": _csrf(page),
                "username": compte["email"],
                "password": COMPTES["mot_de_passe"],
            },
            name="connexion (POST)",
            headers={"Referer": f"{self.host}/compte/connexion/"},
        )
        if "totp" in compte:
            for _ in range(3):
                page = self.client.get("/compte/second-facteur/", name="second facteur (GET)")
                code = f"{TOTP(bytes.fromhex(compte['totp'])).token():06d}"
                r = self.client.post(
                    "/compte/second-facteur/",
                    {"csrfmiddlewaretoken": _csrf(page), "code": code},
                    name="second facteur (POST)",
                    headers={"Referer": f"{self.host}/compte/second-facteur/"},
                )
                if "/second-facteur/" not in r.url:
                    break
                time.sleep(31)  # same account, same 30-second step: a TOTP code is single-use
        self.connecte = r.ok
        _sessions[compte["email"]] = self.client.cookies.get_dict()
        if not isinstance(self, Deposant):
            _apres_connexion(self.environment, type(self).__name__)


class Baseline(HttpUser):
    wait_time = constant(0)

    @task
    def baseline(self):
        self.client.get("/bench/baseline/", name="baseline")


class BaselineConnecte(Connecte):
    """The floor of any signed-in page (no query of its own, no template), for comparison."""

    wait_time = constant(0)

    def on_start(self):
        self.connexion(next(_agents))

    @task
    def baseline(self):
        self.client.get("/bench/baseline-connecte/", name="baseline connecté")


class Visiteur(HttpUser):
    wait_time = PAGES

    @task(4)
    def catalogue(self):
        self.client.get("/parcours/", name="catalogue")

    @task(4)
    def parcours(self):
        slug = random.choice(COMPTES["parcours"])  # noqa: S311 - load test
        self.client.get(f"/parcours/{slug}/", name="page d'un parcours")

    @task(2)
    def accueil(self):
        self.client.get("/", name="accueil")

    @task(2)
    def donnees(self):
        self.client.get("/suivi/donnees/", name="données ouvertes")

    @task(1)
    def export(self):
        jeu = random.choice(["parcours", "candidatures", "agregats", "registre-ia"])  # noqa: S311
        fmt = random.choice(["csv", "json"])  # noqa: S311
        self.client.get(f"/suivi/donnees/{jeu}.{fmt}", name=f"export {jeu}.{fmt}")

    @task(2)
    def registre(self):
        self.client.get("/suivi/registre-ia/", name="registre IA")

    @task(1)
    def equite(self):
        self.client.get("/suivi/equite-territoriale/", name="carte d'équité")


class Agent(Connecte):
    def on_start(self):
        self.compte = next(_agents)
        self.pk = self.compte["brouillon"]
        self.connexion(self.compte)

    @task(3)
    def mes_candidatures(self):
        self.client.get("/candidatures/", name="mes candidatures")

    @task(2)
    def detail(self):
        self.client.get(f"/candidatures/{self.pk}/", name="candidature")

    @task(3)
    def rediger(self):
        page = self.client.get(f"/candidatures/{self.pk}/modifier/", name="formulaire (GET)")
        m = VERSION.search(page.text)
        champs = {
            c: f"Réponse enregistrée à {time.time():.0f}. " * 5
            for c in (
                "contexte",
                "ressources_humaines",
                "disponibilite",
                "perimetre",
                "moyens_materiels",
                "motivation",
            )
        }
        self._envoyer(
            f"/candidatures/{self.pk}/modifier/",
            {
                **champs,
                "csrfmiddlewaretoken": _csrf(page),
                "version": m.group(1) if m else "1",
                "contact_nom": "Agent du banc",
                "contact_fonction": "Chargé de mission",
                "contact_email": self.compte["email"],
                "contact_telephone": "01 23 45 67 89",
                "representant_nom": "Maire",
                "representant_qualite": "Maire",
                "engagement_deux_phases": "on",
            },
            nom="formulaire (enregistrer)",
            suite="formulaire (GET)",
        )

    @task(1)
    def joindre(self):
        page = self.client.get(f"/candidatures/{self.pk}/pieces/", name="pièces (GET)")
        self._envoyer(
            f"/candidatures/{self.pk}/pieces/",
            {"csrfmiddlewaretoken": _csrf(page), "nature": "annexe"},
            files={"fichier": ("annexe.pdf", PDF, "application/pdf")},
            nom="pièces (envoi d'un PDF)",
            suite="pièces (GET)",
        )

    def _envoyer(self, url: str, donnees: dict, *, nom: str, suite: str, **kwargs) -> None:
        """POST, timed alone, then the page it redirects to, timed as that page.

        Locust follows redirects by default and would time the POST and the next page as one
        request: the saves' latencies mixed two pages and their throughput hid one request in
        two. A POST that does not redirect (refused form) is counted as a failure.
        """
        with self.client.post(
            url,
            donnees,
            name=nom,
            headers={"Referer": f"{self.host}{url}"},
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as reponse:
            if reponse.status_code != 302:
                reponse.failure(f"pas de redirection après l'envoi : {reponse.status_code}")
                return
        self.client.get(reponse.headers["Location"], name=suite)


class Membre(Connecte):
    def on_start(self):
        self.connexion(next(_membres))
        self.session = COMPTES["session"]

    @task(3)
    def liste(self):
        self.client.get(
            f"/admin/comite/sessionexamen/{self.session}/notation/", name="notation : liste"
        )

    @task(2)
    def grille(self):
        point = random.choice(COMPTES["points"])  # noqa: S311
        self.client.get(
            f"/admin/comite/sessionexamen/{self.session}/notation/{point}/",
            name="notation : grille",
        )


class Staff(Connecte):
    def on_start(self):
        self.connexion(next(_staff))

    @task(2)
    def candidatures(self):
        self.client.get("/admin/candidatures/candidature/", name="admin : candidatures")

    @task(1)
    def candidatures_filtre(self):
        self.client.get(
            "/admin/candidatures/candidature/?etat__exact=deposee",
            name="admin : candidatures filtrées",
        )

    @task(1)
    def messages(self):
        self.client.get("/admin/notifications/message/", name="admin : messages")

    @task(1)
    def journal(self):
        self.client.get("/admin/audit/evenement/", name="admin : journal")

    @task(1)
    def parcours(self):
        self.client.get("/admin/tracks/parcours/", name="admin : parcours")

    @task(1)
    def pilotage(self):
        self.client.get("/suivi/pilotage/", name="pilotage")

    @task(1)
    def tableau(self):
        self.client.get("/tableau-de-bord/", name="tableau de bord")


class Deposant(Connecte):
    """Log in early, then every commune submits within the same second before the deadline."""

    wait_time = constant(3600)

    def on_start(self):
        self.compte = next(_deposants, None)
        self.fait = self.compte is None
        if not self.fait:
            self.connexion(self.compte)

    @task
    def deposer(self):
        if self.fait:
            return
        self.fait = True
        rush = json.loads((RACINE / "var" / "bench-rush.json").read_text())
        depart = float(os.environ.get("RUSH_DEPART", rush["echeance"] - 12))
        time.sleep(max(0.0, depart - time.time()) + random.uniform(0, 2))  # noqa: S311
        pk = self.compte.get("rush")
        page = self.client.get(f"/candidatures/{pk}/recapitulatif/", name="rush : récapitulatif")
        self.client.post(
            f"/candidatures/{pk}/deposer/",
            {"csrfmiddlewaretoken": _csrf(page), "etat": "brouillon"},
            name="rush : dépôt",
            headers={"Referer": f"{self.host}/candidatures/{pk}/recapitulatif/"},
        )


@events.quitting.add_listener
def _fin(environment, **_kw):
    environment.process_exit_code = 0  # figures are judged by bench/rapport.py, not by locust
