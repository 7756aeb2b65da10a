# SPDX-License-Identifier: EUPL-1.2
"""On every front-office form, an optional field says so (COMPLIANCE 6; issue 23)."""

import re

import pytest
from django.urls import reverse

from tests.factories import connecter
from tracks.criteres import Critere

pytestmark = pytest.mark.django_db
IGNORES = {"csrfmiddlewaretoken", "version", "etat", "action", "next"}


def champs_facultatifs_muets(html: str) -> list[str]:
    """Names of the optional inputs whose label does not say "(facultatif)"."""
    formulaire = html[html.index("<main") :]
    muets = []
    for balise in re.findall(r"<(?:input|select|textarea)\b[^>]*>", formulaire):
        nom = re.search(r'name="([^"]+)"', balise)
        identifiant = re.search(r'id="([^"]+)"', balise)
        type_ = re.search(r'type="([^"]+)"', balise)
        if not nom or nom.group(1) in IGNORES:
            continue
        if type_ and type_.group(1) in ("hidden", "submit", "checkbox", "radio", "button"):
            continue
        if re.search(r"\brequired\b", balise) or not identifiant:
            continue
        etiquette = re.search(
            rf'<label[^>]*for="{re.escape(identifiant.group(1))}"[^>]*>(.*?)</label>',
            formulaire,
            re.S,
        )
        if not etiquette or "facultatif" not in etiquette.group(1):
            muets.append(nom.group(1))
    return muets


@pytest.mark.parametrize(
    "page", ["accounts:inscription", "core:signaler_accessibilite", "accounts:login"]
)
def test_the_public_forms_mark_their_optional_fields(client, page):
    assert champs_facultatifs_muets(client.get(reverse(page)).content.decode()) == []


def test_the_application_form_marks_its_optional_fields(client, agent_vincennes):
    from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory

    brouillon = CandidatureFactory(parcours=ParcoursPublieFactory(), creee_par=agent_vincennes)
    connecter(client, agent_vincennes)
    html = client.get(reverse("candidatures:modifier", args=[brouillon.pk])).content.decode()
    # A draft saves anything: the form states the rule once; the fields it leaves unmarked
    # are exactly those the submission requires (Candidature.manques), contact_fonction aside.
    assert (
        "Tous les champs sont obligatoires pour déposer la candidature, sauf ceux marqués" in html
    )
    obligatoires = {c.value for c in Critere} | {
        "contact_nom",
        "contact_email",
        "contact_telephone",
        "representant_nom",
        "representant_qualite",
    }
    assert set(champs_facultatifs_muets(html)) == obligatoires
