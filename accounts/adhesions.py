# SPDX-License-Identifier: EUPL-1.2
"""Sign-up and membership decisions: each writes its audit entry in the same transaction."""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Adhesion, User
from audit.journal import enregistrer
from audit.models import Evenement
from notifications import outbox


class DecisionImpossible(Exception):
    pass


@transaction.atomic
def demander_inscription(
    *, nom_complet: str, email: str, fonction: str, password: str, territoire, role: str
) -> Adhesion | None:
    """Sign up, without telling the visitor whether the address already had an account.

    A new address gets its account, its pending membership and a welcome message; an address
    already used gets nothing created, and its owner is told by e-mail that someone tried
    (with the way to reset their password). Both hash the password, so both take as long.
    """
    existant = User.objects.filter(email__iexact=email).first()
    if existant is None:
        adhesion = inscrire(
            nom_complet=nom_complet,
            email=email,
            fonction=fonction,
            password=password,
            territoire=territoire,
            role=role,
        )
        outbox.notifier(
            destinataire=adhesion.utilisateur,
            gabarit="inscription_compte_cree",
            objet=adhesion,
            contexte={"adhesion": adhesion},
        )
        return adhesion
    make_password(password)  # the same work as creating the account
    outbox.notifier(
        destinataire=existant,
        adresse=existant.email,
        gabarit="inscription_adresse_deja_utilisee",
    )
    return None


@transaction.atomic
def inscrire(
    *, nom_complet: str, email: str, fonction: str, password: str, territoire, role: str
) -> Adhesion:
    """Create the account and its pending membership request."""
    user = User.objects.create_user(
        email=email, password=password, nom_complet=nom_complet, fonction=fonction
    )
    adhesion = Adhesion.objects.create(utilisateur=user, territoire=territoire, role=role)
    _notifier_demande(adhesion)
    return adhesion


def _notifier_demande(adhesion: Adhesion) -> None:
    """Tell those who can approve: the territoire's legal representatives and Métropole staff."""
    valideurs = User.objects.filter(
        adhesions__territoire=adhesion.territoire,
        adhesions__role=Adhesion.Role.REPRESENTANT_LEGAL,
        adhesions__statut=Adhesion.Statut.APPROUVEE,
        is_active=True,
    ).distinct()
    for valideur in valideurs:
        outbox.notifier(
            destinataire=valideur,
            gabarit="adhesion_a_valider",
            objet=adhesion,
            contexte={"adhesion": adhesion},
        )


@transaction.atomic
def decider(
    *, adhesion: Adhesion, par: User, approuver: bool, motif: str = "", adresse_ip=None
) -> Adhesion:
    """Approve or refuse a pending membership; only staff or the territoire's legal representative."""
    adhesion = Adhesion.objects.select_for_update().get(pk=adhesion.pk)
    if adhesion.statut != Adhesion.Statut.EN_ATTENTE:
        raise DecisionImpossible("Cette demande a déjà été traitée.")
    if not adhesion.peut_etre_decidee_par(par):
        raise DecisionImpossible("Vous ne pouvez pas décider des adhésions de ce territoire.")
    avant = adhesion.statut
    adhesion.statut = Adhesion.Statut.APPROUVEE if approuver else Adhesion.Statut.REFUSEE
    adhesion.motif_refus = "" if approuver else motif
    adhesion.decidee_le = timezone.now()
    adhesion.decidee_par = par
    adhesion.save()
    enregistrer(
        action=Evenement.Action.ADHESION,
        acteur=par,
        objet=adhesion,
        etat_avant=avant,
        etat_apres=adhesion.statut,
        commentaire=motif,
        adresse_ip=adresse_ip,
    )
    outbox.notifier(
        destinataire=adhesion.utilisateur,
        gabarit="adhesion_decidee",
        objet=adhesion,
        contexte={"adhesion": adhesion},
    )
    return adhesion
