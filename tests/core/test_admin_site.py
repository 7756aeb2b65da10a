# SPDX-License-Identifier: EUPL-1.2
"""The admin's menu is kept a minute per user and per roles, never past a change of role."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import AGENT_METROPOLE
from tests.factories import connecter

pytestmark = pytest.mark.django_db
INDEX = "admin:index"


def _menu(client) -> tuple[set[str], list[str]]:
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(reverse(INDEX))
    assert reponse.status_code == 200
    return {app["app_label"] for app in reponse.context["available_apps"]}, [
        q["sql"] for q in requetes
    ]


def test_the_menu_is_built_once_then_kept_without_reading_the_permissions(client, membre_comite):
    connecter(client, membre_comite)
    premier, _ = _menu(client)
    second, requetes = _menu(client)
    assert premier == second == {"comite"}
    assert not [sql for sql in requetes if "auth_permission" in sql]


def test_a_role_granted_or_withdrawn_changes_the_menu_on_the_next_page(client, membre_comite):
    connecter(client, membre_comite)
    assert _menu(client)[0] == {"comite"}
    metropole = Group.objects.get(name=AGENT_METROPOLE)
    membre_comite.groups.add(metropole)
    assert {"audit", "candidatures", "notifications"} <= _menu(client)[0]
    membre_comite.groups.remove(metropole)
    assert _menu(client)[0] == {"comite"}


def test_a_permission_given_outside_the_roles_shows_within_a_minute(
    client, membre_comite, monkeypatch
):
    from core import admin_site

    connecter(client, membre_comite)
    assert "notifications" not in _menu(client)[0]
    membre_comite.user_permissions.add(
        Permission.objects.get(codename="view_message", content_type__app_label="notifications")
    )
    assert "notifications" not in _menu(client)[0]  # kept: same user, same roles
    horloge = admin_site.time.monotonic
    monkeypatch.setattr(admin_site.time, "monotonic", lambda: horloge() + admin_site.DUREE_MENU)
    assert "notifications" in _menu(client)[0]


def test_a_link_kept_in_the_menu_never_opens_a_page_refused_to_the_user(client, membre_comite):
    connecter(client, membre_comite)
    metropole = Group.objects.get(name=AGENT_METROPOLE)
    membre_comite.groups.add(metropole)
    _menu(client)
    membre_comite.groups.remove(metropole)
    reponse = client.get(reverse("admin:audit_evenement_changelist"))
    assert reponse.status_code == 403
