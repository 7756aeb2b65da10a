# SPDX-License-Identifier: EUPL-1.2
"""SIREN and SIRET numbers are checked by their key (issue 19, point 14)."""

import pytest
from django.core.exceptions import ValidationError

from core.validators import siren_valide, siret_valide, valider_siren, valider_siret


@pytest.mark.parametrize(
    "siret",
    [
        "73282932000074",  # a real SIRET (Luhn)
        "35600000000048",  # La Poste's head office, Luhn too
        "35600000049837",  # a post office: the sum of its digits is a multiple of 5
    ],
)
def test_it_accepts_valid_sirets(siret):
    assert siret_valide(siret)
    valider_siret(siret)


@pytest.mark.parametrize(
    "siret",
    ["12345678901234", "7328293200007", "7328293200007A", "732 829 320 00074", "35600000049838"],
)
def test_it_refuses_a_siret_with_a_wrong_key_or_shape(siret):
    assert not siret_valide(siret)
    with pytest.raises(ValidationError, match="SIRET n'est pas valide"):
        valider_siret(siret)


def test_it_checks_the_siren_key():
    assert siren_valide("200054781")  # the Métropole du Grand Paris
    assert not siren_valide("200054782")
    assert not siren_valide("20005478")
    with pytest.raises(ValidationError, match="SIREN n'est pas valide"):
        valider_siren("123456789")


@pytest.mark.django_db
def test_every_siren_of_the_shipped_referential_is_valid():
    from territoires.models import Territoire

    assert Territoire.objects.exists()
    assert all(siren_valide(t.siren) for t in Territoire.objects.all())
