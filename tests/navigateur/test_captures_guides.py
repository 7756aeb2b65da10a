# SPDX-License-Identifier: EUPL-1.2
"""Screenshots of the French role guides (docs/guides/*.md), taken by a real browser.

Every run opens each guide's main screens (so they must be reachable and render); the PNG
files go to a temporary folder and nothing is compared (screenshots are not deterministic).
With ``REGENERER_CAPTURES=1`` they overwrite ``docs/captures/<guide>/<nn>-<what>.png``,
the images the guides embed (commit them).
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

DOSSIER_DOCS = Path(settings.BASE_DIR) / "docs"
REGENERER = os.environ.get("REGENERER_CAPTURES") == "1"
FENETRE = {"width": 1280, "height": 900}

# guide -> [(file name without .png, French alt text)], in the guide's order.
CAPTURES = {
    "agent-territoire": [
        ("01-catalogue", "Le catalogue des parcours thématiques ouverts aux candidatures"),
        ("02-formulaire", "Le formulaire de candidature, avec les réponses aux six critères"),
        ("03-accuse", "L'accusé de réception d'une candidature déposée, avec son numéro"),
    ],
    "representant-legal": [
        ("01-adhesions", "La liste des demandes de rattachement à valider"),
        ("02-convention", "La convention à signer, avec le dépôt de la copie signée"),
    ],
    "agent-metropole": [
        ("01-parcours", "La fiche d'un parcours dans l'administration, avec ses boutons d'étape"),
        ("02-recevabilite", "La fiche d'une candidature déposée, à déclarer admissible ou non"),
    ],
    "membre-comite": [
        ("01-notation", "La grille de notation d'une candidature par un membre du comité"),
    ],
    "president-comite": [
        ("01-cloture", "La liste de la séance, avec l'ouverture et la clôture de la séance"),
        ("02-agregats", "Les agrégats et le classement des candidatures de la séance"),
    ],
    "expert": [
        ("01-avis", "Le formulaire où l'expert rend son avis écrit sur les cas d'usage"),
    ],
}


def section_attendue(guide: str) -> str:
    """The Markdown the guide's « Captures d'écran » section embeds."""
    return "\n\n".join(f"![{alt}](../captures/{guide}/{nom}.png)" for nom, alt in CAPTURES[guide])


def test_each_guide_embeds_exactly_its_screenshots():
    for guide, captures in CAPTURES.items():
        texte = (DOSSIER_DOCS / "guides" / f"{guide}.md").read_text(encoding="utf-8")
        section = texte.split("## Captures d'écran", 1)[1]
        images = re.findall(r"!\[([^\]]+)\]\(\.\./captures/([^)]+)\)", section)
        assert images == [(alt, f"{guide}/{nom}.png") for nom, alt in captures], guide
        presentes = sorted(p.stem for p in (DOSSIER_DOCS / "captures" / guide).glob("*.png"))
        assert presentes == sorted(nom for nom, _ in captures), guide


# Data and pages of each guide ------------------------------------------------------------


def _agent_territoire(agent_vincennes, **_):
    from core.workflow import appliquer
    from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
    from tests.tracks.factories import completer as completer_parcours

    parcours = completer_parcours(ParcoursPublieFactory(titre="Aires de livraison intelligentes"))
    completer_parcours(ParcoursPublieFactory(titre="Accueil des usagers par un assistant"))
    brouillon = completer(CandidatureFactory(parcours=parcours), par=agent_vincennes)
    autre = completer_parcours(ParcoursPublieFactory(titre="Entretien prédictif de l'éclairage"))
    deposee = appliquer(
        completer(CandidatureFactory(parcours=autre), par=agent_vincennes),
        "deposer",
        par=agent_vincennes,
    )
    return agent_vincennes, [
        reverse("tracks:catalogue"),
        reverse("candidatures:modifier", args=[brouillon.pk]),
        reverse("candidatures:accuse", args=[deposee.pk]),
    ]


def _representant_legal(representant_vincennes, **_):
    from tests.conventions.factories import convention
    from tests.factories import AdhesionFactory, territoire

    AdhesionFactory(
        en_attente=True,
        territoire=territoire("94080"),
        utilisateur__nom_complet="Julien Moreau",
        utilisateur__email="julien.moreau@vincennes.fr",
    )
    envoyee = convention(etat="envoyee", pdf=True)
    return representant_vincennes, [
        reverse("accounts:adhesions_a_valider"),
        reverse("conventions:detail", args=[envoyee.pk]),
    ]


def _agent_metropole(agent_metropole, **_):
    from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory, completer
    from tests.tracks.factories import ParcoursFactory

    brouillon = ParcoursFactory(pret_a_publier=True, titre="Aires de livraison intelligentes")
    parcours = ParcoursPublieFactory(titre="Accueil des usagers par un assistant")
    candidature = completer(CandidatureFactory(parcours=parcours, etat="deposee"))
    return agent_metropole, [
        reverse("admin:tracks_parcours_change", args=[brouillon.pk]),
        reverse("admin:candidatures_candidature_change", args=[candidature.pk]),
    ]


def _seance(membre_comite, president):
    from comite.seances import constituer_ordre_du_jour
    from tests.comite.factories import (
        SessionFactory,
        candidature_admissible,
        convoquer,
        noter,
        ouverte,
        parcours_en_instruction,
    )

    parcours = parcours_en_instruction(titre="Aires de livraison intelligentes")
    candidature_admissible(parcours, "94080")
    candidature_admissible(parcours, "93048")
    session = SessionFactory(president=president)
    session.parcours.add(parcours)
    convoquer(session, president, membre_comite)
    constituer_ordre_du_jour(session)
    session = ouverte(session)
    return session, noter


def _membre_comite(membre_comite, president_comite, **_):
    session, _ = _seance(membre_comite, president_comite)
    point = session.points.first()
    return membre_comite, [
        reverse("admin:comite_grille_notation", args=[session.pk, point.pk]),
    ]


def _president_comite(membre_comite, president_comite, **_):
    session, noter = _seance(membre_comite, president_comite)
    for point in session.points.all():
        noter(point, membre_comite, 4)
        noter(point, president_comite, 3)
    return president_comite, [
        reverse("admin:comite_liste_notation", args=[session.pk]),
        reverse("admin:comite_agregats", args=[session.pk]),
    ]


def _expert(expert, **_):
    from tests.candidatures.factories import ParcoursPublieFactory
    from tracks.models import CasUsage

    parcours = ParcoursPublieFactory(titre="Aires de livraison intelligentes", etat_force="phase1")
    CasUsage.objects.create(
        parcours=parcours,
        titre="Prévoir l'occupation des aires de livraison",
        description="Croiser capteurs et horaires des commerces pour informer les livreurs.",
    )
    return expert, [reverse("admin:tracks_avisexpert_add")]


SCENARIOS = {
    "agent-territoire": _agent_territoire,
    "representant-legal": _representant_legal,
    "agent-metropole": _agent_metropole,
    "membre-comite": _membre_comite,
    "president-comite": _president_comite,
    "expert": _expert,
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("guide", list(CAPTURES))
def test_the_guide_screens_are_reachable_and_captured(
    guide, request, live_server, page_navigateur, tmp_path
):
    from django.test import Client

    from tests.factories import connecter

    personas = {
        nom: request.getfixturevalue(nom)
        for nom in (
            "agent_vincennes",
            "representant_vincennes",
            "agent_metropole",
            "membre_comite",
            "president_comite",
            "expert",
        )
    }
    user, chemins = SCENARIOS[guide](**personas)
    dossier = DOSSIER_DOCS / "captures" / guide if REGENERER else tmp_path
    dossier.mkdir(parents=True, exist_ok=True)
    page = page_navigateur
    page.set_default_timeout(20_000)
    page.set_viewport_size(FENETRE)
    client = connecter(Client(), user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for (nom, _alt), chemin in zip(CAPTURES[guide], chemins, strict=True):
        reponse = page.goto(live_server.url + chemin)
        assert reponse is not None and reponse.status == 200, f"{chemin} : {reponse.status}"
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() >= 1, chemin
        fichier = dossier / f"{nom}.png"
        page.screenshot(path=str(fichier), full_page=False)
        assert fichier.stat().st_size > 5_000, fichier
