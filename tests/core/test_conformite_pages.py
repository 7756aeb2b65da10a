# SPDX-License-Identifier: EUPL-1.2
"""The accessibility statement, the legal notice and their settings (COMPLIANCE 2, 11; issue 23)."""

import re
import subprocess
import sys

import pytest
from django.urls import reverse

from core.models import PageEditoriale
from tests.ops.test_production import ENV_PRODUCTION, RACINE

pytestmark = pytest.mark.django_db


def test_without_an_audit_the_statement_says_non_conforme(client):
    contenu = client.get(reverse("core:accessibilite")).content.decode()
    assert "<strong>non conforme</strong>" in contenu
    assert "partiellement conforme" not in contenu
    assert "Accessibilité : non conforme" in contenu


def test_the_statement_links_to_the_schema_and_the_plan(client):
    contenu = client.get(reverse("core:accessibilite")).content.decode()
    assert 'href="/accessibilite/schema-pluriannuel"' in contenu
    assert 'href="/accessibilite/plan-actions"' in contenu


@pytest.mark.parametrize(
    "nom, titre",
    [
        ("core:schema_pluriannuel", "Schéma pluriannuel de mise en accessibilité 2026-2028"),
        ("core:plan_actions", "Plan d'actions d'accessibilité 2026"),
    ],
)
def test_the_schema_and_the_plan_are_public_pages(client, nom, titre):
    reponse = client.get(reverse(nom))
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "<h1>" + titre.replace("'", "&#x27;") + "</h1>" in contenu
    assert "audit" in contenu


def test_the_metropole_edits_the_plan_and_the_page_shows_it(client):
    page = PageEditoriale.objects.get(slug="plan-actions")
    page.titre = "Plan d'actions 2027"
    page.corps = "Premier point.\n\nSecond point <script>alert(1)</script>."
    page.save()
    contenu = client.get(reverse("core:plan_actions")).content.decode()
    assert "<h1>Plan d&#x27;actions 2027</h1>" in contenu
    assert "<p>Premier point.</p>" in contenu
    assert "<script>alert(1)</script>" not in contenu  # plain text, escaped
    assert (
        "Plan d&#x27;actions 2027</a>" in client.get(reverse("core:accessibilite")).content.decode()
    )


def test_the_metropole_staff_may_change_the_pages_in_the_admin():
    from accounts.roles import AGENT_METROPOLE, PERMISSIONS

    assert "core.change_pageeditoriale" in PERMISSIONS[AGENT_METROPOLE]


def test_the_legal_notice_names_the_host_from_the_settings(client, settings):
    settings.HEBERGEUR = {
        "nom": "Hébergeur Témoin SAS",
        "adresse": "3 quai du Témoin, 69002 Lyon",
        "telephone": "04 00 00 00 01",
    }
    contenu = client.get(reverse("core:mentions_legales")).content.decode()
    bloc = contenu[contenu.index("<h2>Hébergement</h2>") :]
    bloc = bloc[: bloc.index("<h2>", 5)]
    assert "Hébergeur Témoin SAS" in bloc
    assert "3 quai du Témoin, 69002 Lyon" in bloc
    assert re.search(r"Téléphone : 04 00 00 00 01", bloc)


def demarrer(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=RACINE,
        env={**ENV_PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_the_host():
    resultat = demarrer(HEBERGEUR_NOM="", HEBERGEUR_TELEPHONE="à renseigner")
    assert resultat.returncode != 0
    assert "HEBERGEUR_NOM" in resultat.stderr and "HEBERGEUR_TELEPHONE" in resultat.stderr
    assert "HEBERGEUR_ADRESSE" not in resultat.stderr


def test_production_refuses_a_partial_conformance_without_an_audit():
    resultat = demarrer(ACCESSIBILITE_CONFORMITE="partiellement")
    assert resultat.returncode != 0
    assert "ACCESSIBILITE_AUDIT" in resultat.stderr
    assert (
        demarrer(
            ACCESSIBILITE_CONFORMITE="partiellement", ACCESSIBILITE_AUDIT="2027-06-30"
        ).returncode
        == 0
    )


def section(contenu: str, titre: str) -> str:
    """The HTML of one ``<h2>`` section of a page, up to the next heading."""
    debut = contenu.index(f"<h2>{titre}</h2>")
    suite = contenu.find("<h2>", debut + 5)
    return contenu[debut : suite if suite != -1 else None]


def test_the_personal_data_page_names_the_controller_and_the_dpo(client, settings):
    settings.DPO_COURRIEL = "dpo-temoin@metropolegrandparis.fr"
    contenu = client.get(reverse("core:donnees_personnelles")).content.decode()
    responsable = section(contenu, "Responsable du traitement")
    assert "Métropole du Grand Paris" in responsable
    assert "15-19 avenue Pierre Mendès-France, 75013 Paris" in responsable
    delegue = section(contenu, "Délégué à la protection des données")
    assert 'href="mailto:dpo-temoin@metropolegrandparis.fr"' in delegue
    assert "Délégué à la protection des données, Métropole du Grand Paris" in delegue


def test_the_personal_data_page_says_which_data_are_required_and_why(client):
    contenu = client.get(reverse("core:donnees_personnelles")).content.decode()
    bloc = section(contenu, "Caractère obligatoire des données et conséquences d'un refus")
    assert "obligatoires" in bloc and "facultatif" in bloc
    assert "ne peut pas être déposée" in bloc


def test_the_document_the_code_refers_to_exists():
    texte = (RACINE / "docs" / "donnees-personnelles.md").read_text(encoding="utf-8")
    for sujet in ("art. 13", "COOKIES_STRICTEMENT_NECESSAIRES", "RETENTION_", "DPO_COURRIEL"):
        assert sujet in texte, sujet
