# SPDX-License-Identifier: EUPL-1.2
import datetime as dt

import pytest

from tests.suivi.factories import parcours_en_experimentation


@pytest.fixture
def parcours_phase2(db):
    """A track in experimentation until 30 June 2026, Vincennes selected, Montreuil not."""
    return parcours_en_experimentation(fin=dt.date(2026, 6, 30))


@pytest.fixture
def livrables_vincennes(parcours_phase2):
    from suivi.livrables import preparer_livrables
    from suivi.models import Livrable

    preparer_livrables(parcours_phase2)
    return {
        livrable.nature: livrable
        for livrable in Livrable.objects.filter(parcours=parcours_phase2, territoire__code="94080")
    }
