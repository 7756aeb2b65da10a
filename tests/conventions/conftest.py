# SPDX-License-Identifier: EUPL-1.2
import pytest

from tests.conventions.factories import beneficiaire, parcours_laureats


@pytest.fixture
def parcours(db):
    return parcours_laureats()


@pytest.fixture
def candidature_vincennes(parcours):
    return beneficiaire(parcours, "94080")
