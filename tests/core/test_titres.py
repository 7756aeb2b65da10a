# SPDX-License-Identifier: EUPL-1.2
"""Every page is in French and has its own title, with the portal's name once (COMPLIANCE 9)."""

import re
from collections import defaultdict

import pytest
from django.test import Client

from tests.factories import connecter
from tests.securite.monde import construire_monde
from tests.securite.test_matrice import MATRICE, _url

SUFFIXE = "ApproprIAtion Métropolitaine"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonyme", "agent_a", "membre", "staff"])
def test_every_page_has_lang_fr_and_its_own_title(role):
    monde = construire_monde()
    client = Client()
    if role != "anonyme":
        connecter(client, monde.utilisateurs[role])
    titres: dict[str, set[str]] = defaultdict(set)
    ecarts = []
    for cle, entree in MATRICE.items():
        if entree.post or entree.attendus()[role] != "200":
            continue
        reponse = client.get(_url(cle, entree, monde))
        if reponse.status_code != 200 or "text/html" not in reponse.get("Content-Type", ""):
            continue
        html = reponse.content.decode()
        titre = re.search(r"<title>(.*?)</title>", html, re.S)
        if '<html lang="fr"' not in html:
            ecarts.append(f"{cle} : pas de lang=fr")
        if not titre or not titre.group(1).strip():
            ecarts.append(f"{cle} : pas de titre")
            continue
        texte = " ".join(titre.group(1).split())
        if texte.count(SUFFIXE) > 1:
            ecarts.append(f"{cle} : le nom du portail répété dans « {texte} »")
        titres[texte].add(cle.split(":")[0] + ":" + cle.split(":")[-1])
    doublons = {t: sorted(c) for t, c in titres.items() if len(c) > 1}
    assert not ecarts, "\n".join(ecarts)
    assert not doublons, doublons
