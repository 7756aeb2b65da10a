# SPDX-License-Identifier: EUPL-1.2
"""Territoires are listed in French alphabetical order, whatever the database's collation."""

import pytest
from django.urls import reverse

from territoires.models import Territoire
from territoires.tri import cle_de_tri


def test_the_key_ignores_case_accents_and_punctuation():
    assert cle_de_tri("L'Haÿ-les-Roses") == "l hay les roses"
    assert cle_de_tri("Épinay-sur-Seine") == "epinay sur seine"


@pytest.mark.django_db
def test_the_referential_is_in_french_order():
    noms = list(Territoire.objects.communes().values_list("nom", flat=True))
    assert noms.index("Dugny") < noms.index("Épinay-sur-Seine") < noms.index("Fontenay-aux-Roses")
    assert noms.index("Châtenay-Malabry") < noms.index("Chevilly-Larue")
    assert noms.index("Sceaux") < noms.index("Sèvres") < noms.index("Stains")


@pytest.mark.django_db
def test_a_renamed_territoire_gets_its_new_key():
    territoire = Territoire.objects.get(code="94080")
    territoire.nom = "Élancourt-test"
    territoire.save(update_fields=["nom"])
    territoire.refresh_from_db()
    assert territoire.nom_tri == "elancourt test"


@pytest.mark.django_db
def test_the_sign_up_form_lists_territoires_in_french_order(client):
    html = client.get(reverse("accounts:inscription")).content.decode()
    assert (
        html.index(">Dugny<")
        < html.index(">Épinay-sur-Seine<")
        < html.index(">Fontenay-aux-Roses<")
    )
