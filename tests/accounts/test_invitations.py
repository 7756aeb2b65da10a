# SPDX-License-Identifier: EUPL-1.2
"""Accounts are created by invitation: a single-use link, valid 72 hours, to choose a password."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import comptes
from accounts.models import Invitation, User
from accounts.roles import EXPERT, MEMBRE_COMITE
from audit.models import Evenement
from notifications.models import Message
from tests.factories import UserFactory, connecter

pytestmark = pytest.mark.django_db

NOUVEAU = "Un-mot-de-passe-tres-solide-2026"


@pytest.fixture
def superutilisateur(db):
    return UserFactory(is_staff=True, is_superuser=True, email="admin@metropolegrandparis.fr")


def _inviter(par, email="claire.membre@exemple.fr", roles=(MEMBRE_COMITE,)):
    return comptes.inviter(email=email, nom_complet="Claire Membre", roles=list(roles), par=par)


def _chemin(lien: str) -> str:
    return re.sub(r"^https?://[^/]+", "", lien)


def test_it_creates_an_inactive_account_with_its_roles_and_emails_the_link(superutilisateur):
    invitation, lien = _inviter(superutilisateur)

    user = invitation.utilisateur
    assert not user.is_active and not user.has_usable_password()
    assert user.is_staff and user.a_role(MEMBRE_COMITE)
    message = Message.objects.get(gabarit="invitation", destinataire=user)
    assert message.adresse == "claire.membre@exemple.fr"
    assert lien in message.corps_texte
    assert "72 heures" in message.corps_texte
    assert invitation.expire_le - invitation.creee_le == dt.timedelta(hours=72)


def test_it_keeps_only_the_hash_of_the_token(superutilisateur):
    invitation, lien = _inviter(superutilisateur)

    jeton = lien.rstrip("/").rsplit("/", 1)[-1]
    assert jeton not in invitation.empreinte_jeton
    assert invitation.empreinte_jeton == comptes.empreinte(jeton)


def test_it_writes_the_invitation_and_the_role_in_the_journal(superutilisateur):
    invitation, _ = _inviter(superutilisateur)

    transitions = set(
        Evenement.objects.pour(invitation.utilisateur).values_list("transition", "acteur")
    )
    assert ("inviter", superutilisateur.pk) in transitions
    assert ("attribuer_role", superutilisateur.pk) in transitions


def test_the_invitee_chooses_a_password_and_is_sent_to_enrol_the_second_factor(
    client, superutilisateur
):
    invitation, lien = _inviter(superutilisateur)

    page = client.get(_chemin(lien))
    assert page.status_code == 200
    assert "claire.membre@exemple.fr" in page.content.decode()
    reponse = client.post(_chemin(lien), {"new_password1": NOUVEAU, "new_password2": NOUVEAU})

    assert reponse.status_code == 302
    assert reponse["Location"].startswith(reverse("accounts:second_facteur_activer"))
    user = User.objects.get(pk=invitation.utilisateur.pk)
    assert user.is_active and user.check_password(NOUVEAU)
    assert client.session[SESSION_KEY] == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.utilisee_le is not None
    assert Evenement.objects.pour(user).filter(transition="accepter_invitation").exists()


def test_the_password_validators_apply(client, superutilisateur):
    invitation, lien = _inviter(superutilisateur)

    reponse = client.post(_chemin(lien), {"new_password1": "court", "new_password2": "court"})

    assert reponse.status_code == 200
    assert "trop court" in reponse.content.decode()
    invitation.utilisateur.refresh_from_db()
    assert not invitation.utilisateur.is_active
    assert not invitation.utilisateur.has_usable_password()


def test_a_used_link_is_refused_and_changes_nothing(client, superutilisateur):
    invitation, lien = _inviter(superutilisateur)
    client.post(_chemin(lien), {"new_password1": NOUVEAU, "new_password2": NOUVEAU})
    client.logout()

    autre = "Un-autre-mot-de-passe-2026"
    reponse = client.post(_chemin(lien), {"new_password1": autre, "new_password2": autre})

    assert reponse.status_code == 410
    assert "déjà été utilisé" in reponse.content.decode()
    user = User.objects.get(pk=invitation.utilisateur.pk)
    assert user.check_password(NOUVEAU)
    assert SESSION_KEY not in client.session


def test_an_expired_link_is_refused_and_changes_nothing(client, superutilisateur):
    invitation, lien = _inviter(superutilisateur)

    with time_machine.travel(timezone.now() + dt.timedelta(hours=72, minutes=1)):
        page = client.get(_chemin(lien))
        reponse = client.post(_chemin(lien), {"new_password1": NOUVEAU, "new_password2": NOUVEAU})

    assert page.status_code == 410 and reponse.status_code == 410
    assert "expiré" in reponse.content.decode()
    invitation.utilisateur.refresh_from_db()
    assert not invitation.utilisateur.is_active
    assert not invitation.utilisateur.has_usable_password()


def test_a_link_still_works_just_before_72_hours(client, superutilisateur):
    _, lien = _inviter(superutilisateur)

    with time_machine.travel(timezone.now() + dt.timedelta(hours=71, minutes=59)):
        assert client.get(_chemin(lien)).status_code == 200


def test_a_forged_link_is_refused_and_changes_nothing(client, superutilisateur):
    invitation, lien = _inviter(superutilisateur)
    jeton = lien.rstrip("/").rsplit("/", 1)[-1]
    faux = lien.replace(jeton, jeton[:-5] + ("AAAAA" if not jeton.endswith("AAAAA") else "BBBBB"))

    reponse = client.post(_chemin(faux), {"new_password1": NOUVEAU, "new_password2": NOUVEAU})

    assert reponse.status_code == 404
    assert "n'est pas valide" in reponse.content.decode()
    invitation.utilisateur.refresh_from_db()
    assert not invitation.utilisateur.is_active
    assert Invitation.objects.get(pk=invitation.pk).utilisee_le is None


def test_a_new_invitation_replaces_the_previous_link(client, superutilisateur):
    _, ancien = _inviter(superutilisateur)
    _, nouveau = _inviter(superutilisateur)

    assert client.get(_chemin(ancien)).status_code == 410
    assert client.get(_chemin(nouveau)).status_code == 200
    assert User.objects.filter(email="claire.membre@exemple.fr").count() == 1


def test_an_active_account_cannot_be_invited_again(superutilisateur):
    UserFactory(email="deja@exemple.fr")

    with pytest.raises(comptes.GestionRefusee, match="existe déjà"):
        _inviter(superutilisateur, email="Deja@Exemple.fr")
    assert not Invitation.objects.exists()


def test_nobody_invites_with_a_role_they_dont_hold(agent_metropole):
    with pytest.raises(comptes.GestionRefusee, match="vous ne l'avez pas"):
        _inviter(agent_metropole, roles=[EXPERT])
    assert not User.objects.filter(email="claire.membre@exemple.fr").exists()


def test_staff_invite_from_the_admin(client, superutilisateur):
    connecter(client, superutilisateur)

    reponse = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "expert@exemple.fr", "nom_complet": "Éric Expert", "roles": [EXPERT]},
    )

    user = User.objects.get(email="expert@exemple.fr")
    assert reponse.status_code == 302
    assert reponse["Location"] == reverse("admin:accounts_user_change", args=[user.pk])
    assert user.a_role(EXPERT) and not user.is_active
    assert Message.objects.filter(gabarit="invitation", destinataire=user).exists()


def test_the_invitation_form_offers_only_the_roles_held(client, agent_metropole):
    connecter(client, agent_metropole)

    reponse = client.post(
        reverse("admin:accounts_user_add"),
        {"email": "expert@exemple.fr", "nom_complet": "Éric Expert", "roles": [EXPERT]},
    )

    assert reponse.status_code == 200
    assert "roles" in reponse.context["form"].errors
    assert "Sélectionnez un choix valide" in reponse.content.decode()
    assert not User.objects.filter(email="expert@exemple.fr").exists()


def test_the_command_invites_the_first_administrator(capsys):
    call_command("creer_administrateur", email="Premiere@Metropolegrandparis.fr", nom="Ada Admin")

    user = User.objects.get(email="premiere@metropolegrandparis.fr")
    assert user.is_superuser and user.is_staff and not user.is_active
    sortie = capsys.readouterr().out
    invitation = user.invitations.get()
    jeton = re.search(r"/compte/invitation/([^/\s]+)/", sortie).group(1)
    assert invitation.empreinte_jeton == comptes.empreinte(jeton)
    assert Message.objects.filter(gabarit="invitation", destinataire=user).exists()
    assert Evenement.objects.pour(user).filter(transition="inviter", acteur=None).exists()


def test_the_command_refuses_when_an_active_superuser_exists(superutilisateur):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="superutilisateur actif existe déjà"):
        call_command("creer_administrateur", email="autre@exemple.fr")
    assert not User.objects.filter(email="autre@exemple.fr").exists()


def test_the_command_with_force_invites_another_administrator(superutilisateur, capsys):
    call_command("creer_administrateur", email="autre@exemple.fr", force=True)

    assert User.objects.get(email="autre@exemple.fr").is_superuser


def test_the_first_administrator_can_log_in_after_choosing_a_password(client):
    call_command("creer_administrateur", email="ada@exemple.fr")
    lien = Message.objects.get(gabarit="invitation").corps_texte
    chemin = re.search(r"/compte/invitation/[^/\s]+/", lien).group(0)

    client.post(chemin, {"new_password1": NOUVEAU, "new_password2": NOUVEAU})
    client.logout()

    reponse = client.post(
        reverse("accounts:login"), {"username": "ada@exemple.fr", "password": NOUVEAU}
    )
    assert reponse.status_code == 302
    assert client.session[SESSION_KEY] == str(User.objects.get(email="ada@exemple.fr").pk)


def test_the_staff_view_of_the_outbox_hides_the_invitation_link(client, superutilisateur):
    _, lien = _inviter(superutilisateur)
    jeton = lien.rstrip("/").rsplit("/", 1)[-1]
    agent = UserFactory(agent_metropole=True)
    connecter(client, agent)
    message = Message.objects.get(gabarit="invitation")

    page = client.get(reverse("admin:notifications_message_change", args=[message.pk]))

    assert page.status_code == 200
    assert jeton not in page.content.decode()
    assert "masqué" in page.content.decode()
