# SPDX-License-Identifier: EUPL-1.2
"""Load scenarios of issue 10, run headless by bench/run.sh (never by pytest).

One user class per scenario, chosen on the command line:

    locust -f bench/locustfile.py --headless -u 30 -r 10 -t 60s --host http://127.0.0.1:8011 Visiteur

- ``Baseline``: the minimal view of bench/urls.py (same gunicorn, same middleware).
- ``Visiteur``: anonymous public pages and open-data exports.
- ``Agent``: an agent of a commune on their applications (list, detail, form GET and save,
  attachments page and upload of a small PDF).
- ``Membre``: a committee member on the scoring pages of the admin (real login + TOTP).
- ``Staff``: a Métropole agent on the admin lists and dashboards (real login + TOTP).
- ``Deposant``: the deadline rush, one user per commune, each submits once at the same instant.

Accounts and ids come from var/bench-comptes.json written by bench/generer.py.
"""

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
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # noqa: E501

_agents = itertools.cycle([a for a in COMPTES["agents"] if a["brouillon"]])
_membres = itertools.cycle(COMPTES["membres"])
_staff = itertools.cycle(COMPTES["staff"])
_partie = os.environ.get("RUSH_PART")  # scale-out: each Locust process takes half the communes
_deposants = iter(COMPTES["agents"][int(_partie) :: 2] if _partie else COMPTES["agents"])


def _csrf(reponse) -> str:
    m = CSRF.search(reponse.text)
    return m.group(1) if m else ""


class Connecte(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    compte: dict

    def connexion(self, compte: dict) -> None:
        """The real flow: login form, then the TOTP page for back-office accounts."""
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


class Baseline(HttpUser):
    wait_time = constant(0)

    @task
    def baseline(self):
        self.client.get("/bench/baseline/", name="baseline")


class Visiteur(HttpUser):
    wait_time = between(0.5, 1.5)

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
        self.client.post(
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
            name="formulaire (enregistrer)",
            headers={"Referer": f"{self.host}/candidatures/{self.pk}/modifier/"},
        )

    @task(1)
    def joindre(self):
        page = self.client.get(f"/candidatures/{self.pk}/pieces/", name="pièces (GET)")
        self.client.post(
            f"/candidatures/{self.pk}/pieces/",
            {"csrfmiddlewaretoken": _csrf(page), "nature": "annexe"},
            files={"fichier": ("annexe.pdf", PDF, "application/pdf")},
            name="pièces (envoi d'un PDF)",
            headers={"Referer": f"{self.host}/candidatures/{self.pk}/pieces/"},
        )


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
