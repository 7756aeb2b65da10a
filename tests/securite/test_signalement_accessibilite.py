# SPDX-License-Identifier: EUPL-1.2
"""The accessibility complaint channel with its automatic receipt (COMPLIANCE 33)."""

import re

import pytest
from django.conf import settings
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
    assert "Défenseur des droits" in accuse.body
    copie = next(m for m in mailoutbox if m.to == [settings.SERVICE_INSTRUCTEUR["courriel"]])
    assert "bouton de dépôt n'est pas annoncé" in copie.body


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


# Issue 17.3: the form was an open mail relay (20 receipts to any address in 0.8 s).
PIEGE = {
    **DONNEES,
    "email": "victime@exemple.fr",
    "nom": "Service des impôts www.impots-remboursement.example",
    "page": "https://impots-remboursement.example/connexion",
    "description": "Remboursement en attente : https://impots-remboursement.example/r?id=1 "
    'ou <a href="https://impots-remboursement.example">ici</a>.',
}


def _corps_html(courriel) -> str:
    return next(contenu for contenu, type_ in courriel.alternatives if type_ == "text/html")


def test_the_receipt_quotes_nothing_the_sender_typed(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:signaler_accessibilite"), PIEGE)
    accuse = next(m for m in mailoutbox if m.to == ["victime@exemple.fr"])
    for partie in (accuse.subject, accuse.body, _corps_html(accuse)):
        assert "impots-remboursement" not in partie
        assert "Remboursement" not in partie
    assert SignalementAccessibilite.objects.get().numero in accuse.body


def test_the_services_copy_quotes_the_text_without_any_clickable_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:signaler_accessibilite"), PIEGE)
    copie = next(m for m in mailoutbox if m.to == [settings.SERVICE_INSTRUCTEUR["courriel"]])
    html = _corps_html(copie)
    for partie in (copie.body, html):
        assert "Remboursement en attente" in partie
        assert "hxxps[:]//impots-remboursement[.]example/r?id=1" in partie
        assert "impots-remboursement.example" not in partie
        assert "https://" not in partie.replace(settings.SITE_URL, "")
    assert "&lt;a href=" in html  # the typed tag is escaped, not a link
    liens = re.findall(r"<a\s[^>]*href=\"([^\"]*)\"", html)
    assert liens and not [lien for lien in liens if "impots" in lien]


def _signaler(client, *, meta=None, **champs):
    return client.post(
        reverse("core:signaler_accessibilite"), {**DONNEES, **champs}, **(meta or {})
    )


def test_reports_to_one_address_are_limited_and_the_extra_one_writes_and_sends_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LIMITE_FORMULAIRES_PAR_ADRESSE = "5/h"
    with django_capture_on_commit_callbacks(execute=True):
        reponses = [_signaler(client, meta={"REMOTE_ADDR": f"198.51.100.{i}"}) for i in range(6)]
    assert [r.status_code for r in reponses] == [302] * 5 + [429]
    assert "Trop de demandes" in reponses[-1].content.decode()
    assert SignalementAccessibilite.objects.count() == 5
    assert len([m for m in mailoutbox if m.to == [DONNEES["email"]]]) == 5


def test_reports_from_one_client_are_limited_whatever_the_address(client, settings):
    settings.LIMITE_FORMULAIRES_PAR_IP = "20/h"
    reponses = [_signaler(client, email=f"cible{i}@exemple.fr") for i in range(21)]
    assert [r.status_code for r in reponses] == [302] * 20 + [429]
    assert SignalementAccessibilite.objects.count() == 20


def test_behind_the_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.LIMITE_FORMULAIRES_PAR_IP = "2/h"

    def depuis(ip, i):
        return _signaler(
            client,
            email=f"c{i}@exemple.fr",
            meta={"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": ip},
        )

    assert [depuis("198.51.100.66", i).status_code for i in range(3)] == [302, 302, 429]
    assert depuis("203.0.113.7", 9).status_code == 302


def test_an_invalid_report_is_not_counted(client, settings):
    settings.LIMITE_FORMULAIRES_PAR_ADRESSE = "1/h"
    for _ in range(3):
        assert _signaler(client, description="").status_code == 200
    assert _signaler(client).status_code == 302


def test_a_cache_outage_does_not_close_the_complaint_channel(client, monkeypatch):
    from core import limites

    def cache_injoignable(*args, **kwargs):
        raise ConnectionError("Redis injoignable")

    monkeypatch.setattr(limites, "is_ratelimited", cache_injoignable)
    assert _signaler(client).status_code == 302
    assert SignalementAccessibilite.objects.count() == 1
