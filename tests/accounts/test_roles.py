# SPDX-License-Identifier: EUPL-1.2
"""Roles come from the groups: read once per request, forgotten when the groups change."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import AGENT_METROPOLE, MEMBRE_COMITE, est_agent_metropole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_check_of_a_request_costs_one_query(django_assert_num_queries):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=MEMBRE_COMITE))

    with django_assert_num_queries(1):
        assert user.a_role(MEMBRE_COMITE)
        assert not est_agent_metropole(user)
        assert not user.a_role(AGENT_METROPOLE)


def test_a_group_given_or_taken_away_is_seen_at_once():
    user = UserFactory()
    assert not est_agent_metropole(user)

    user.groups.add(Group.objects.get(name=AGENT_METROPOLE))
    assert est_agent_metropole(user)

    user.groups.clear()
    assert not est_agent_metropole(user)
