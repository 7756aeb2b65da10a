# SPDX-License-Identifier: EUPL-1.2
"""Staff learn early which beneficiaries have no validated legal representative (issue 19,
point 12): on the track from the Bureau's decision, and on the draft convention."""

import pytest
from django.urls import reverse

from tests.conventions.factories import convention
from tests.factories import connecter

pytestmark = pytest.mark.django_db

ALERTE = "Aucun représentant légal n&#x27;a de compte validé pour : Vincennes"


def test_the_laureate_track_names_the_beneficiary_without_a_legal_representative(
    client, agent_metropole, candidature_vincennes
):
    connecter(client, agent_metropole)
    url = reverse("admin:tracks_parcours_change", args=[candidature_vincennes.parcours_id])
    assert ALERTE in client.get(url).content.decode()


def test_no_warning_once_the_legal_representative_is_validated(
    client, agent_metropole, candidature_vincennes, representant_vincennes
):
    connecter(client, agent_metropole)
    url = reverse("admin:tracks_parcours_change", args=[candidature_vincennes.parcours_id])
    assert "Aucun représentant légal" not in client.get(url).content.decode()


def test_the_draft_convention_warns_before_sending_fails(
    client, agent_metropole, candidature_vincennes
):
    brouillon = convention(candidature_vincennes)
    connecter(client, agent_metropole)
    page = client.get(reverse("admin:conventions_convention_change", args=[brouillon.pk]))
    contenu = page.content.decode()
    assert "Invitez-le à demander son adhésion" in contenu
