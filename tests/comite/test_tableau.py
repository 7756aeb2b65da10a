# SPDX-License-Identifier: EUPL-1.2
"""A member's and a chair's start page says what is left to score, vote, open or close."""

import re

import pytest
from django.urls import reverse

from tests.factories import connecter


def _page(client, user) -> str:
    connecter(client, user)
    return re.sub(r"\s+", " ", client.get(reverse("core:tableau_de_bord")).content.decode())


@pytest.mark.django_db
def test_a_member_sees_how_many_applications_are_left_to_score(client, seance, membre_comite):
    page = _page(client, membre_comite)
    assert "Notation et votes du comité" in page
    assert "2 candidatures à noter" in page
    assert reverse("admin:comite_liste_notation", args=[seance.pk]) in page


@pytest.mark.django_db
def test_a_conflicted_member_counts_only_what_they_may_score(client, seance, conflicted):
    assert "1 candidature à noter" in _page(client, conflicted)


@pytest.mark.django_db
def test_the_chair_sees_the_session_to_open(client, seance, president_comite):
    page = _page(client, president_comite)
    assert "Séances à présider" in page
    assert "À ouvrir" in page


@pytest.mark.django_db
def test_an_agent_sees_no_committee_section(client, seance, agent_vincennes):
    page = _page(client, agent_vincennes)
    assert "Notation et votes du comité" not in page
    assert "Séances à présider" not in page
