# SPDX-License-Identifier: EUPL-1.2
"""axe-core finds no WCAG 2.1 A/AA violation on the admin pages each back-office role reaches.

Why (issue 20.8): the staff work in the admin all day; its forms are as much part of the
service as the front office. The pages come from the admin registry (index, each model's
list, add page and first object's page the role may open), on the matrix's world.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.factories import connecter
from tests.navigateur.axe import rapport_axe
from tests.securite.monde import construire_monde

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages_du_comite(monde) -> list[str]:
    """The committee's own admin pages and a transition's confirmation page."""
    session, point = monde.session.pk, monde.point_b.pk
    return [
        reverse("admin:comite_liste_notation", args=[session]),
        reverse("admin:comite_grille_notation", args=[session, point]),
        reverse("admin:comite_declarations", args=[session]),
        reverse("admin:comite_agregats", args=[session]),
        reverse(
            "admin:candidatures_candidature_transition",
            args=[monde.candidature_a.pk, "mettre_en_examen"],
        ),
    ]


def _pages(client: Client, monde) -> list[str]:
    """Every admin page the signed-in role opens with a 200."""
    urls = [reverse("admin:index")]
    urls += [url for url in _pages_du_comite(monde) if client.get(url).status_code == 200]
    for modele in admin.site._registry:
        nom = f"admin:{modele._meta.app_label}_{modele._meta.model_name}"
        candidats = [reverse(f"{nom}_changelist"), reverse(f"{nom}_add")]
        premier = modele._default_manager.order_by("pk").first()
        if premier is not None:
            candidats.append(reverse(f"{nom}_change", args=[premier.pk]))
        urls += [url for url in candidats if client.get(url).status_code == 200]
    return urls


@pytest.mark.parametrize("role", ["staff", "membre", "president", "expert"])
def test_admin_pages_have_no_axe_violation(live_server, page_navigateur, role):
    monde = construire_monde()
    client = connecter(Client(), monde.utilisateurs[role])
    page = page_navigateur
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    fautes = []
    pages = _pages(client, monde)
    assert len(pages) > 3
    for url in pages:
        page.goto(live_server.url + url, wait_until="networkidle")
        nombre, rapport = rapport_axe(page)
        if nombre:
            fautes.append(f"{url}: {nombre}\n{rapport[:1500]}")
    assert not fautes, "\n\n".join(fautes)
