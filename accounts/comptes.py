# SPDX-License-Identifier: EUPL-1.2
"""Managing the Métropole's accounts: invitations, roles, deactivation, second-factor reset.

Each operation is one atomic function that also writes its audit entry (who, when, what,
on whom), whether it is called from the admin or from ``manage.py creer_administrateur``.
The rules it enforces, with the French reason they fail (:class:`GestionRefusee`):

- nobody grants or withdraws a role they don't hold (a superuser holds them all);
- only a superuser changes a superuser's account;
- an account is never deleted, it is deactivated (the history keeps its name);
- the last active superuser can be neither deactivated nor demoted.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Invitation, User
from accounts.rgpd import _fermer_sessions
from accounts.roles import ROLES_BACK_OFFICE
from audit.journal import enregistrer
from audit.models import Evenement
from notifications import outbox

DUREE_INVITATION = timedelta(hours=72)
PERMISSION = "accounts.gerer_comptes"

# The journal's ``transition`` of each operation, and how the account's page names it.
OPERATIONS = {
    "inviter": "Invitation envoyée",
    "accepter_invitation": "Invitation acceptée",
    "attribuer_role": "Rôle attribué",
    "retirer_role": "Rôle retiré",
    "desactiver": "Compte désactivé",
    "reactiver": "Compte réactivé",
    "reinitialiser_second_facteur": "Second facteur réinitialisé",
    "retirer_superutilisateur": "Statut de superutilisateur retiré",
}


class GestionRefusee(Exception):
    """An account operation refused; the message is the French reason shown to staff."""


def empreinte(jeton: str) -> str:
    """The SHA-256 kept in the database in place of the token sent by e-mail."""
    return hashlib.sha256(jeton.encode()).hexdigest()


def peut_gerer(user) -> bool:
    """Whether ``user`` may open the accounts' pages and act on them."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def roles_attribuables_par(user) -> list[str]:
    """The roles ``user`` may grant or withdraw: those they hold (all for a superuser)."""
    if user is None or user.is_superuser:
        return list(ROLES_BACK_OFFICE)
    return [role for role in ROLES_BACK_OFFICE if user.a_role(role)]


def _verifier_role(role: str, par: User | None) -> None:
    if role not in ROLES_BACK_OFFICE:
        raise GestionRefusee(f"« {role} » n'est pas un rôle du portail.")
    if role not in roles_attribuables_par(par):
        raise GestionRefusee(
            f"Vous ne pouvez pas attribuer ni retirer le rôle « {role} » : vous ne l'avez pas."
        )


def _verifier_cible(user: User, par: User | None) -> None:
    if par is not None and user.is_superuser and not par.is_superuser:
        raise GestionRefusee(
            "Seul un superutilisateur peut modifier le compte d'un superutilisateur."
        )


def _journaliser(*, user: User, par, transition: str, avant="", apres="", motif="", ip=None, **d):
    enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=par,
        objet=user,
        transition=transition,
        etat_avant=avant,
        etat_apres=apres,
        commentaire=motif,
        donnees=d,
        adresse_ip=ip,
    )


def _ajuster_statut_equipe(user: User) -> None:
    """Back-office roles open the admin (``is_staff``); without any, the admin is closed."""
    doit_etre_staff = user.is_superuser or user.groups.filter(name__in=ROLES_BACK_OFFICE).exists()
    if user.is_staff != doit_etre_staff:
        user.is_staff = doit_etre_staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def attribuer_role(*, user: User, role: str, par: User | None, adresse_ip=None) -> bool:
    """Grant ``role``; returns False when the user already had it (nothing written)."""
    _verifier_role(role, par)
    _verifier_cible(user, par)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.groups.filter(name=role).exists():
        return False
    user.groups.add(Group.objects.get(name=role))
    _ajuster_statut_equipe(user)
    _journaliser(
        user=user, par=par, transition="attribuer_role", apres=role, ip=adresse_ip, role=role
    )
    return True


@transaction.atomic
def retirer_role(*, user: User, role: str, par: User | None, adresse_ip=None) -> bool:
    """Withdraw ``role``; the admin closes to the user if it was their last back-office role."""
    _verifier_role(role, par)
    _verifier_cible(user, par)
    user = User.objects.select_for_update().get(pk=user.pk)
    groupe = user.groups.filter(name=role).first()
    if groupe is None:
        return False
    user.groups.remove(groupe)
    _ajuster_statut_equipe(user)
    _journaliser(
        user=user, par=par, transition="retirer_role", avant=role, ip=adresse_ip, role=role
    )
    return True


def _superutilisateurs_actifs():
    """Locked: two superusers deactivating each other at once must not leave none."""
    return User.objects.select_for_update().filter(is_superuser=True, is_active=True)


@transaction.atomic
def desactiver(*, user: User, par: User | None, motif: str = "", adresse_ip=None) -> None:
    """Close the account: no more login, its sessions end, pending invitations are cancelled."""
    _verifier_cible(user, par)
    user = User.objects.select_for_update().get(pk=user.pk)
    if par is not None and user.pk == par.pk:
        raise GestionRefusee("Vous ne pouvez pas désactiver votre propre compte.")
    if not user.is_active:
        raise GestionRefusee("Ce compte est déjà désactivé.")
    if user.is_superuser and len(_superutilisateurs_actifs().exclude(pk=user.pk)) == 0:
        raise GestionRefusee(
            "C'est le dernier superutilisateur actif : créez-en un autre avant de le désactiver."
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.invitations.en_cours().update(annulee_le=timezone.now())
    _fermer_sessions(user)
    _journaliser(
        user=user, par=par, transition="desactiver", avant="actif", apres="inactif",
        motif=motif, ip=adresse_ip,
    )  # fmt: skip


@transaction.atomic
def reactiver(*, user: User, par: User | None, adresse_ip=None) -> None:
    """Open a deactivated account again, with its password, roles and second factor."""
    _verifier_cible(user, par)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        raise GestionRefusee("Ce compte est déjà actif.")
    if user.anonymise_le is not None:
        raise GestionRefusee("Ce compte a été supprimé à la demande de la personne (RGPD).")
    if not user.has_usable_password():
        raise GestionRefusee(
            "Cette personne n'a jamais accepté son invitation : envoyez-lui une nouvelle invitation."
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    _journaliser(
        user=user, par=par, transition="reactiver", avant="inactif", apres="actif", ip=adresse_ip
    )


@transaction.atomic
def retirer_superutilisateur(*, user: User, par: User | None, adresse_ip=None) -> None:
    """Withdraw the superuser status; refused for the last active superuser."""
    _verifier_cible(user, par)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_superuser:
        raise GestionRefusee("Ce compte n'est pas superutilisateur.")
    if user.is_active and len(_superutilisateurs_actifs().exclude(pk=user.pk)) == 0:
        raise GestionRefusee(
            "C'est le dernier superutilisateur actif : il ne peut pas être retiré."
        )
    user.is_superuser = False
    user.save(update_fields=["is_superuser"])
    _ajuster_statut_equipe(user)
    _journaliser(
        user=user, par=par, transition="retirer_superutilisateur", avant="superutilisateur",
        ip=adresse_ip,
    )  # fmt: skip


@transaction.atomic
def reinitialiser_second_facteur(
    *, user: User, par: User | None, motif: str, adresse_ip=None
) -> int:
    """Remove the user's authenticator and backup codes (lost phone); they enrol again.

    Their sessions end, so that a session verified with the lost device does not outlive it.
    Returns the number of devices removed.
    """
    if not motif.strip():
        raise GestionRefusee("Indiquez la raison de la réinitialisation.")
    _verifier_cible(user, par)
    if par is not None and user.pk == par.pk:
        raise GestionRefusee(
            "Vous ne pouvez pas réinitialiser votre propre second facteur : demandez-le à un "
            "autre gestionnaire des comptes."
        )
    supprimes = TOTPDevice.objects.filter(user=user).delete()[0]
    supprimes += StaticDevice.objects.filter(user=user).delete()[0]
    _fermer_sessions(user)
    _journaliser(
        user=user, par=par, transition="reinitialiser_second_facteur", motif=motif, ip=adresse_ip
    )
    outbox.notifier(
        destinataire=user,
        gabarit="second_facteur_reinitialise",
        objet=user,
        contexte={"motif": motif},
    )
    return supprimes


def _lien(jeton: str) -> str:
    return settings.SITE_URL + reverse("accounts:accepter_invitation", args=[jeton])


@transaction.atomic
def inviter(
    *,
    email: str,
    nom_complet: str,
    roles: list[str],
    par: User | None,
    fonction: str = "",
    superutilisateur: bool = False,
    adresse_ip=None,
) -> tuple[Invitation, str]:
    """Create the (inactive) account with its roles and e-mail it a link valid 72 hours.

    An e-mail already used by an account that was ever activated is refused: give that
    account its roles from its page instead. A person who never answered can be invited
    again: the older links stop working. Returns the invitation and the link.
    """
    email = User.objects.normalize_email(email).strip().lower()
    for role in roles:
        _verifier_role(role, par)
    if superutilisateur and par is not None and not par.is_superuser:
        raise GestionRefusee("Seul un superutilisateur peut inviter un superutilisateur.")
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is not None and (user.is_active or user.has_usable_password()):
        raise GestionRefusee(
            f"Un compte existe déjà pour {email} : donnez-lui ses rôles depuis sa fiche"
            + (" (réactivez-le d'abord)." if not user.is_active else ".")
        )
    if user is None:
        user = User.objects.create_user(
            email=email, nom_complet=nom_complet, fonction=fonction, is_active=False
        )  # no password: set_password(None) makes it unusable
    user.invitations.en_cours().update(annulee_le=timezone.now())
    if superutilisateur and not user.is_superuser:
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    for role in roles:
        attribuer_role(user=user, role=role, par=par, adresse_ip=adresse_ip)
    _ajuster_statut_equipe(user)
    jeton = secrets.token_urlsafe(32)
    maintenant = timezone.now()
    invitation = Invitation.objects.create(
        utilisateur=user,
        empreinte_jeton=empreinte(jeton),
        invitee_par=par,
        creee_le=maintenant,
        expire_le=maintenant + DUREE_INVITATION,
    )
    lien = _lien(jeton)
    _journaliser(
        user=user, par=par, transition="inviter", apres="invité", ip=adresse_ip,
        roles=roles, superutilisateur=superutilisateur, expire_le=invitation.expire_le.isoformat(),
    )  # fmt: skip
    outbox.notifier(
        destinataire=user,
        gabarit="invitation",
        objet=invitation,
        contexte={"lien": lien, "invitation": invitation, "roles": roles, "par": par},
    )
    return invitation, lien


def invitation_du_jeton(jeton: str) -> Invitation | None:
    """The invitation of a link, whatever its state; ``None`` for a forged or mistyped token."""
    return (
        Invitation.objects.select_related("utilisateur")
        .filter(empreinte_jeton=empreinte(jeton))
        .first()
    )


@transaction.atomic
def accepter_invitation(*, invitation: Invitation, mot_de_passe: str, adresse_ip=None) -> User:
    """Use the link once: set the chosen password and activate the account."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    raison = invitation.raison_invalide()
    if raison:
        raise GestionRefusee(raison)
    user = invitation.utilisateur
    user.set_password(mot_de_passe)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.utilisee_le = timezone.now()
    invitation.save(update_fields=["utilisee_le"])
    _journaliser(
        user=user, par=user, transition="accepter_invitation", avant="invité", apres="actif",
        ip=adresse_ip,
    )  # fmt: skip
    return user
