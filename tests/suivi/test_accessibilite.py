# SPDX-License-Identifier: EUPL-1.2
"""axe-core on the public transparency pages and a beneficiary's deliverable, in Chromium."""

import datetime as dt

import pytest

from tests.factories import connecter
from tests.suivi.factories import parcours_note
from tests.suivi.test_transparence import fiche
from tests.tracks.test_accessibilite import violations_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def parcours_public():
    parcours = parcours_note(["94080", "93048"])
    fiche(parcours)
    return parcours


@pytest.mark.parametrize(
    "adresse",
    [
        "/suivi/equite-territoriale/",
        "/suivi/registre-ia/",
        "/suivi/registre-ia/{slug}/",
        "/suivi/donnees/",
        "/parcours/{slug}/",
    ],
)
def test_the_public_pages_have_no_axe_violation(
    live_server, chromium_path, parcours_public, adresse
):
    url = live_server.url + adresse.format(slug=parcours_public.slug)
    assert violations_axe(url, chromium_path) is None


def test_a_deliverable_form_has_no_axe_violation(
    live_server, chromium_path, client, parcours_public, agent_vincennes
):
    from suivi.livrables import preparer_livrables
    from suivi.models import Livrable

    parcours_public.experimentation_fin = dt.date(2027, 6, 30)
    parcours_public.save()
    preparer_livrables(parcours_public)
    livrable = Livrable.objects.get(territoire__code="94080", nature="donnees_partagees")
    connecter(client, agent_vincennes)
    url = f"{live_server.url}/suivi/livrables/{livrable.pk}/"
    assert violations_axe(url, chromium_path, client.cookies["sessionid"].value) is None
