# SPDX-License-Identifier: EUPL-1.2
import pytest

from tests.tracks.factories import ParcoursFactory


@pytest.fixture
def parcours_pret(db):
    """A draft with everything publication asks for."""
    return ParcoursFactory(pret_a_publier=True)
