# SPDX-License-Identifier: EUPL-1.2
"""The accessibility complaint channel with its automatic receipt (COMPLIANCE 33)."""

import pytest
from django.urls import reverse

from core.models import SignalementAccessibilite

pytestmark = pytest.mark.django_db

DONNEES = {
    "nom": "Léa Durand",
    "email": "lea.durand@exemple.fr",
    "page": "/parcours/",
    "description": "Avec mon lecteur d'écran, le bouton de dépôt n'est pas annoncé.",
}


def test_the_form_is_reachable_from_the_accessibility_statement(client):
    page = client.get(reverse("core:accessibilite")).content.decode()
    assert reverse("core:signaler_accessibilite") in page
    assert client.get(reverse("core:signaler_accessibilite")).status_code == 200


def test_a_report_gets_an_automatic_receipt_by_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(reverse("core:signaler_accessibilite"), DONNEES, follow=True)
    signalement = SignalementAccessibilite.objects.get()
    assert signalement.numero in reponse.content.decode()
    accuse = next(m for m in mailoutbox if m.to == ["lea.durand@exemple.fr"])
    assert signalement.numero in accuse.subject
    assert "bouton de dépôt n'est pas annoncé" in accuse.body
    assert "Défenseur des droits" in accuse.body
    from django.conf import settings

    assert any(m.to == [settings.SERVICE_INSTRUCTEUR["courriel"]] for m in mailoutbox)


def test_a_report_without_description_or_email_is_refused_in_french(client, mailoutbox):
    reponse = client.post(reverse("core:signaler_accessibilite"), {"nom": "Léa"})
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Ce champ est obligatoire" in contenu
    assert 'aria-invalid="true"' in contenu
    assert 'value="Léa"' in contenu
    assert not SignalementAccessibilite.objects.exists()
    assert mailoutbox == []


def test_the_receipt_page_shows_only_ones_own_report(client):
    assert client.get(reverse("core:signalement_accessibilite_recu")).status_code == 404


def test_a_metropole_agent_reads_the_report_in_the_admin_and_marks_it_handled(
    client, agent_metropole
):
    from tests.factories import connecter

    signalement = SignalementAccessibilite.objects.create(**DONNEES)
    connecter(client, agent_metropole)

    liste = client.get("/admin/core/signalementaccessibilite/")
    url = f"/admin/core/signalementaccessibilite/{signalement.pk}/change/"
    fiche = client.get(url)
    reponse = client.post(url, {"traite_le_0": "02/12/2026", "traite_le_1": "10:30:00"})

    assert liste.status_code == 200 and signalement.numero in liste.content.decode()
    assert "le bouton de dépôt n" in fiche.content.decode()
    assert reponse.status_code == 302
    signalement.refresh_from_db()
    assert signalement.traite_le is not None
    assert signalement.description == DONNEES["description"]  # the report itself is read-only
