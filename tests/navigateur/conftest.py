# SPDX-License-Identifier: EUPL-1.2
"""The apps' situations, for the browser journeys that start from them."""

from tests.comite.conftest import (  # noqa: F401 - fixtures
    conflicted,
    membres,
    montreuil,
    parcours,
    point_montreuil,
    point_vincennes,
    seance,
    vincennes,
)
from tests.suivi.conftest import livrables_vincennes, parcours_phase2  # noqa: F401 - fixtures
