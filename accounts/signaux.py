# SPDX-License-Identifier: EUPL-1.2
"""Log-ins, failures and lock-outs go to the audit journal (COMPLIANCE 16)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from audit.journal import adresse_ip, enregistrer
from audit.models import Evenement


def _compte(identifiant: str | None):
    """The account a failed attempt aimed at, if it exists (the typed text is never stored)."""
    from accounts.models import User

    if not identifiant:
        return None
    return User.objects.filter(email__iexact=identifiant.strip()).first()


@receiver(user_logged_in, dispatch_uid="accounts.journal_connexion")
def journaliser_connexion(sender, request, user, **kwargs) -> None:
    enregistrer(action=Evenement.Action.CONNEXION, acteur=user, adresse_ip=adresse_ip(request))


@receiver(user_login_failed, dispatch_uid="accounts.journal_echec_connexion")
def journaliser_echec(sender, credentials, request=None, **kwargs) -> None:
    """A failure is attributed to the account aimed at; an unknown identifier is not kept."""
    compte = _compte(credentials.get("username") or credentials.get("email"))
    enregistrer(
        action=Evenement.Action.ECHEC_CONNEXION,
        acteur=compte,
        commentaire="" if compte else "Identifiant inconnu",
        adresse_ip=adresse_ip(request),
    )


@receiver(user_locked_out, dispatch_uid="accounts.journal_verrouillage")
def journaliser_verrouillage(sender, request, username=None, ip_address=None, **kwargs) -> None:
    enregistrer(
        action=Evenement.Action.ECHEC_CONNEXION,
        acteur=_compte(username),
        commentaire="Connexion bloquée après des échecs répétés",
        donnees={"verrouillage": True},
        adresse_ip=ip_address or adresse_ip(request),
    )
