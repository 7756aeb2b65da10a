# SPDX-License-Identifier: EUPL-1.2
"""The workflow diagram is generated from the code and the committed copy is never stale."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import connecter
from tracks.management.commands.diagramme_parcours import CHEMIN, contenu


def test_the_committed_workflow_diagram_is_up_to_date():
    publie = (Path(settings.BASE_DIR) / CHEMIN).read_text(encoding="utf-8")
    assert publie == contenu(), "Relancez : python manage.py diagramme_parcours"


def test_the_diagram_has_every_declared_transition():
    assert "cas_usage --> infructueux : Déclarer le marché infructueux" in contenu()


@pytest.mark.django_db
def test_staff_see_the_diagram_in_the_admin(client, agent_metropole):
    connecter(client, agent_metropole)
    reponse = client.get(reverse("admin:tracks_parcours_diagramme"))
    assert reponse.status_code == 200
    assert "<pre" in reponse.content.decode()
    assert "stateDiagram-v2" in reponse.content.decode()
