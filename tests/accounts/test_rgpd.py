# SPDX-License-Identifier: EUPL-1.2
"""Personal data: export, deletion by anonymisation, retention periods (COMPLIANCE 12, 14)."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.models import Adhesion, User
from accounts.rgpd import anonymiser, appliquer_durees_de_conservation
from audit.journal import enregistrer, verifier_chaine
from audit.models import AdresseIP, Evenement
from notifications.models import Message
from tests.factories import MOT_DE_PASSE, UserFactory, agent_de, connecter

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def message_pour(user, **champs):
    return Message.objects.create(
        destinataire=user,
        adresse=user.email,
        gabarit="essai",
        sujet="Votre adhésion est validée",
        corps_texte="Bonjour Claire Martin, votre adhésion à Vincennes est validée.",
        etat=Message.Etat.ENVOYE,
        **champs,
    )


def test_mon_espace_links_to_my_data(client, agent_vincennes):
    connecter(client, agent_vincennes)
    page = client.get(reverse("core:tableau_de_bord")).content.decode()
    assert reverse("accounts:mes_donnees") in page


def test_the_export_contains_account_memberships_messages_and_my_journal(client, agent_vincennes):
    message_pour(agent_vincennes)
    enregistrer(action=Evenement.Action.EXPORT, acteur=agent_vincennes, commentaire="mon acte")
    autre = UserFactory()
    enregistrer(action=Evenement.Action.EXPORT, acteur=autre, commentaire="acte d'un autre")
    connecter(client, agent_vincennes)
    reponse = client.get(reverse("accounts:exporter_mes_donnees"))
    assert reponse["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    donnees = json.loads(reponse.content)
    assert donnees["compte"]["email"] == "agent@vincennes.fr"
    assert donnees["compte"]["nom_complet"] == "Claire Martin"
    assert donnees["adhesions"][0]["territoire"].startswith("Vincennes")
    assert donnees["messages"][0]["sujet"] == "Votre adhésion est validée"
    commentaires = [entree["commentaire"] for entree in donnees["journal"]]
    assert "mon acte" in commentaires and "acte d'un autre" not in commentaires


def test_the_export_is_journaled(client, agent_vincennes):
    connecter(client, agent_vincennes)
    client.get(reverse("accounts:exporter_mes_donnees"))
    assert Evenement.objects.filter(
        action=Evenement.Action.DONNEES_PERSONNELLES, acteur=agent_vincennes
    ).exists()


def test_the_export_requires_login(client):
    reponse = client.get(reverse("accounts:exporter_mes_donnees"))
    assert reponse.status_code == 302
    assert reverse("accounts:login") in reponse["Location"]


def test_deletion_asks_for_confirmation_first(client, agent_vincennes):
    connecter(client, agent_vincennes)
    page = client.get(reverse("accounts:supprimer_mon_compte")).content.decode()
    assert "Supprimer définitivement mon compte" in page
    reponse = client.post(reverse("accounts:supprimer_mon_compte"), {"password": MOT_DE_PASSE})
    assert reponse.status_code == 200
    assert "Ce champ est obligatoire" in reponse.content.decode()
    assert User.objects.get(pk=agent_vincennes.pk).anonymise_le is None


def test_deletion_with_a_wrong_password_changes_nothing(client, agent_vincennes):
    connecter(client, agent_vincennes)
    reponse = client.post(
        reverse("accounts:supprimer_mon_compte"), {"password": "faux", "confirmation": "on"}
    )
    assert "Le mot de passe n" in reponse.content.decode()
    assert User.objects.get(pk=agent_vincennes.pk).email == "agent@vincennes.fr"


def test_deletion_anonymises_and_logs_out_but_keeps_records(client, agent_vincennes):
    message = message_pour(agent_vincennes)
    acte = enregistrer(
        action=Evenement.Action.TRANSITION, acteur=agent_vincennes, commentaire="dépôt"
    )
    connecter(client, agent_vincennes)
    reponse = client.post(
        reverse("accounts:supprimer_mon_compte"),
        {"password": MOT_DE_PASSE, "confirmation": "on"},
        follow=True,
    )
    assert "Votre compte est supprimé" in reponse.content.decode()
    user = User.objects.get(pk=agent_vincennes.pk)
    assert user.nom_complet == f"Compte supprimé n° {user.pk}"
    assert "vincennes" not in user.email and user.telephone == "" and user.fonction == ""
    assert not user.has_usable_password() and not user.is_active
    assert user.anonymise_le is not None
    assert list(user.adhesions.values_list("statut", flat=True)) == [Adhesion.Statut.TERMINEE]
    assert not user.peut_agir_pour(user.adhesions.get().territoire)
    assert not client.get(reverse("core:tableau_de_bord")).wsgi_request.user.is_authenticated
    # Administrative records stay, the journal keeps what it wrote at the time.
    acte = Evenement.objects.get(pk=acte.pk)
    assert acte.acteur_id == user.pk and "Claire Martin" in acte.acteur_libelle
    assert verifier_chaine() == []
    message.refresh_from_db()
    assert message.adresse == "" and message.sujet
    assert Evenement.objects.filter(
        action=Evenement.Action.DONNEES_PERSONNELLES, acteur=user
    ).exists()


def test_deletion_removes_second_factor_and_other_sessions(client, agent_metropole):
    from django.test import Client

    autre_appareil = connecter(Client(), agent_metropole)
    anonymiser(agent_metropole, motif="essai")
    assert not StaticDevice.objects.filter(user=agent_metropole).exists()
    assert not autre_appareil.get(
        reverse("core:tableau_de_bord")
    ).wsgi_request.user.is_authenticated


def test_a_superuser_cannot_delete_their_own_account(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    connecter(client, admin)
    reponse = client.get(reverse("accounts:supprimer_mon_compte"))
    assert reponse.status_code == 302
    assert User.objects.get(pk=admin.pk).anonymise_le is None


# Retention, with a frozen clock ---------------------------------------------------------


def a(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=PARIS)


def test_an_account_inactive_for_three_years_is_anonymised():
    with time_machine.travel(a("2023-01-10 09:00"), tick=False):
        ancien = agent_de("93048")
        ancien.last_login = a("2023-01-10 09:00")
        ancien.save()
        recent = agent_de("94080")
    recent.last_login = a("2025-06-01 09:00")
    recent.save()
    with time_machine.travel(a("2026-01-09 09:00"), tick=False):
        assert appliquer_durees_de_conservation()["comptes"] == 0
    with time_machine.travel(a("2026-01-11 09:00"), tick=False):
        assert appliquer_durees_de_conservation()["comptes"] == 1
    assert User.objects.get(pk=ancien.pk).anonymise_le is not None
    assert User.objects.get(pk=recent.pk).anonymise_le is None


def test_notification_bodies_older_than_two_years_are_emptied(agent_vincennes):
    vieux = message_pour(agent_vincennes, cree_le=a("2024-01-05 10:00"))
    recent = message_pour(agent_vincennes, cree_le=a("2025-06-05 10:00"))
    with time_machine.travel(a("2026-01-10 03:30"), tick=False):
        assert appliquer_durees_de_conservation()["messages"] == 1
    vieux.refresh_from_db()
    recent.refresh_from_db()
    assert vieux.corps_texte == "" and vieux.adresse == "" and vieux.sujet
    assert recent.corps_texte.startswith("Bonjour")


def test_ip_addresses_are_purged_after_a_year_without_breaking_the_chain(agent_vincennes):
    with time_machine.travel(a("2025-01-05 10:00"), tick=False):
        ancien = enregistrer(action=Evenement.Action.CONNEXION, adresse_ip="192.0.2.1")
    with time_machine.travel(a("2025-12-20 10:00"), tick=False):
        recent = enregistrer(action=Evenement.Action.CONNEXION, adresse_ip="192.0.2.2")
    with time_machine.travel(a("2026-01-10 03:30"), tick=False):
        assert appliquer_durees_de_conservation()["adresses_ip"] == 1
    assert Evenement.objects.get(pk=ancien.pk).ip is None
    assert Evenement.objects.get(pk=recent.pk).ip == "192.0.2.2"
    assert AdresseIP.objects.count() == 1
    assert verifier_chaine() == []


def test_the_retention_task_is_scheduled_every_night():
    from django_celery_beat.models import PeriodicTask

    tache = PeriodicTask.objects.get(task="accounts.tasks.appliquer_conservation")
    assert tache.enabled and str(tache.crontab.timezone) == "Europe/Paris"


def test_accessibility_complaints_are_deleted_after_two_years():
    from core.models import SignalementAccessibilite

    vieux = SignalementAccessibilite.objects.create(
        email="a@exemple.fr", description="x", recu_le=a("2024-01-05 10:00")
    )
    SignalementAccessibilite.objects.create(
        email="b@exemple.fr", description="y", recu_le=a("2025-06-05 10:00")
    )
    with time_machine.travel(a("2026-01-10 03:30"), tick=False):
        assert appliquer_durees_de_conservation()["signalements"] == 1
    assert not SignalementAccessibilite.objects.filter(pk=vieux.pk).exists()
    assert SignalementAccessibilite.objects.count() == 1


def test_lockout_records_of_axes_are_purged_with_the_ip_addresses(client, agent_vincennes):
    from axes.models import AccessAttempt, AccessLog

    with time_machine.travel(a("2025-01-05 10:00"), tick=False):
        client.post(reverse("accounts:login"), {"username": "autre@exemple.fr", "password": "x"})
        client.post(
            reverse("accounts:login"), {"username": "agent@vincennes.fr", "password": MOT_DE_PASSE}
        )
    assert AccessAttempt.objects.exists() and AccessLog.objects.exists()
    with time_machine.travel(a("2026-01-10 03:30"), tick=False):
        appliquer_durees_de_conservation()
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()
