# SPDX-License-Identifier: EUPL-1.2
"""Only the strictly necessary cookies, and exactly those the personal-data page lists
(COMPLIANCE 13; issue 23)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from candidatures.models import Candidature
from tests.candidatures.conftest import fichier_pdf
from tests.candidatures.factories import REPONSES, ParcoursPublieFactory
from tests.factories import MOT_DE_PASSE, territoire

pytestmark = pytest.mark.django_db


class ClientTemoin(Client):
    """A test client that notes every cookie any response sets (or deletes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.deposes: dict[str, str] = {}

    def request(self, **requete):
        reponse = super().request(**requete)
        for nom, morceau in reponse.cookies.items():
            self.deposes[nom] = str(requete.get("PATH_INFO"))
            assert morceau["samesite"] in ("Lax", "Strict"), nom
        return reponse


def test_the_main_flows_set_only_the_listed_cookies(agent_vincennes):
    parcours = ParcoursPublieFactory()
    visiteur = ClientTemoin()
    for page in (
        reverse("core:accueil"),
        reverse("tracks:catalogue"),
        reverse("tracks:detail", args=[parcours.slug]),
        reverse("core:accessibilite"),
        reverse("core:donnees_personnelles"),
        reverse("accounts:login"),
        reverse("accounts:inscription"),
    ):
        assert visiteur.get(page).status_code == 200, page
    visiteur.post(
        reverse("core:signaler_accessibilite"),
        {"email": "usager@exemple.fr", "description": "Le plan ne se lit pas au clavier."},
        follow=True,
    )
    visiteur.post(
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
        follow=True,
    )
    visiteur.post(
        reverse("accounts:login"), {"username": "agent@vincennes.fr", "password": "mauvais"}
    )

    agent = ClientTemoin()
    agent.post(
        reverse("accounts:login"),
        {"username": "agent@vincennes.fr", "password": MOT_DE_PASSE},
        follow=True,
    )
    agent.get(reverse("core:tableau_de_bord"))
    lieu = agent_vincennes.territoires_approuves().get()
    agent.post(
        reverse("candidatures:demarrer", args=[parcours.slug]), {"territoire": lieu.pk}, follow=True
    )
    candidature = Candidature.objects.get(parcours=parcours, territoire=lieu)
    reponses = {k: ("on" if v is True else v) for k, v in REPONSES.items()}
    agent.post(
        reverse("candidatures:modifier", args=[candidature.pk]),
        {**reponses, "version": candidature.version},
        follow=True,
    )
    agent.post(
        reverse("candidatures:pieces", args=[candidature.pk]),
        {"nature": "engagement", "fichier": fichier_pdf()},
        follow=True,
    )
    agent.post(
        reverse("candidatures:deposer", args=[candidature.pk]), {"etat": "brouillon"}, follow=True
    )
    assert Candidature.objects.get(pk=candidature.pk).numero, "the walk reaches the receipt"
    agent.post(reverse("accounts:logout"), follow=True)

    listes = set(settings.COOKIES_STRICTEMENT_NECESSAIRES)
    deposes = set(visiteur.deposes) | set(agent.deposes)
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= deposes
    assert deposes <= listes, {
        nom: visiteur.deposes.get(nom) or agent.deposes.get(nom) for nom in deposes - listes
    }


def test_the_personal_data_page_lists_exactly_the_cookies_of_the_settings(client):
    contenu = client.get(reverse("core:donnees_personnelles")).content.decode()
    bloc = contenu[contenu.index("<h2>Cookies</h2>") :]
    noms = set(settings.COOKIES_STRICTEMENT_NECESSAIRES)
    assert noms == {"sessionid", "csrftoken"}
    for nom in noms:
        assert f"<code>{nom}</code>" in bloc
    assert bloc.count("<code>") == len(noms)
