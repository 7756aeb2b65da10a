# SPDX-License-Identifier: EUPL-1.2
"""A session of five members, one conflicted on Vincennes, examining two applications."""

import pytest

from tests.comite.factories import (
    SessionFactory,
    candidature_admissible,
    convoquer,
    declarer,
    parcours_en_instruction,
)
from tests.factories import UserFactory


@pytest.fixture
def parcours(db):
    return parcours_en_instruction()


@pytest.fixture
def vincennes(parcours):
    return candidature_admissible(parcours, "94080")


@pytest.fixture
def montreuil(parcours):
    return candidature_admissible(parcours, "93048")


@pytest.fixture
def membres(membre_comite):
    """Three more members, beside the chair and membre_comite; the last one is conflicted."""
    return [
        membre_comite,
        UserFactory(membre_comite=True, nom_complet="Sophie Durand"),
        UserFactory(membre_comite=True, nom_complet="Marc Lefèvre"),
        UserFactory(membre_comite=True, nom_complet="Élue de Vincennes"),
    ]


@pytest.fixture
def conflicted(membres):
    membre = membres[-1]
    declarer(membre, "94080")
    return membre


@pytest.fixture
def seance(parcours, vincennes, montreuil, president_comite, membres, conflicted):
    from comite.seances import constituer_ordre_du_jour

    session = SessionFactory(president=president_comite)
    session.parcours.add(parcours)
    convoquer(session, president_comite, *membres)
    constituer_ordre_du_jour(session)
    return session


@pytest.fixture
def point_vincennes(seance, vincennes):
    return seance.points.get(candidature=vincennes)


@pytest.fixture
def point_montreuil(seance, montreuil):
    return seance.points.get(candidature=montreuil)
