# SPDX-License-Identifier: EUPL-1.2
"""The admin, where members score, wears the portal's identity and its legal footer."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import connecter


@pytest.mark.django_db
def test_every_admin_page_has_the_accessibility_footer_and_the_favicon(client, agent_metropole):
    connecter(client, agent_metropole)
    for url in (reverse("admin:index"), reverse("admin:tracks_parcours_changelist")):
        html = client.get(url).content.decode()
        assert f"Accessibilité : {settings.ACCESSIBILITE_CONFORMITE} conforme</a>" in html
        assert 'href="/accessibilite"' in html
        assert 'href="/mentions-legales"' in html
        assert 'rel="icon"' in html and "favicon.svg" in html


@pytest.mark.django_db
def test_the_admin_has_one_light_theme_without_the_toggle(client, agent_metropole):
    connecter(client, agent_metropole)
    html = client.get(reverse("admin:index")).content.decode()
    assert "dark_mode.css" not in html
    assert "theme-toggle" not in html
    assert "css/admin.css" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_header_is_the_portals_navy(live_server, page_navigateur, agent_metropole):
    client = connecter(Client(), agent_metropole)
    page = page_navigateur
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    assert page.goto(live_server.url + "/admin/").status == 200
    fond = page.evaluate("getComputedStyle(document.querySelector('#header')).backgroundColor")
    assert fond == "rgb(18, 50, 92)"  # --mgp-bleu of the front office, not Django's teal
    favicon = page.evaluate("document.querySelector('link[rel=icon]').href")
    assert page.request.get(favicon).status == 200


@pytest.mark.django_db
def test_the_periodic_tasks_are_labelled_in_correct_french(client, agent_metropole):
    from django.contrib.auth.models import Permission

    agent_metropole.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="django_celery_beat")
    )
    connecter(client, agent_metropole)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Tâches périodiques" in html
    assert "Tâches Périodique<" not in html and "tâches périodique<" not in html.lower()
