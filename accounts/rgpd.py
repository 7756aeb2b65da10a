# SPDX-License-Identifier: EUPL-1.2
"""Personal data: a user's export of their own data, account deletion, retention periods.

Legal-basis choice (documented in docs/donnees-personnelles.md): applications, decisions,
conventions and the audit journal are administrative records kept under the public-interest
mission (RGPD art. 6(1)(e)) and the archives code; the right to erasure does not apply to
them (art. 17(3)(b) and (e)). Deleting an account therefore *anonymises* the person (name,
e-mail, phone, function, password, second factor, sessions) and ends their memberships, but
keeps those records; the journal keeps its ``acteur_libelle`` as written at the time, since
altering it would break the tamper-evident chain that protects the decisions themselves.
"""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Adhesion, User
from audit.journal import enregistrer
from audit.models import AdresseIP, Evenement


def _horodatage(valeur: dt.datetime | None) -> str | None:
    return timezone.localtime(valeur).isoformat() if valeur else None


def exporter(user: User) -> dict:
    """Everything the portal holds about ``user`` as a person (RGPD art. 15 and 20)."""
    from notifications.models import Message

    adhesions = user.adhesions.select_related("territoire").order_by("demandee_le")
    messages = Message.objects.filter(destinataire=user).order_by("cree_le")
    evenements = Evenement.objects.filter(acteur=user).order_by("pk")
    return {
        "portail": "ApproprIAtion Métropolitaine — Métropole du Grand Paris",
        "genere_le": _horodatage(timezone.now()),
        "compte": {
            "email": user.email,
            "nom_complet": user.nom_complet,
            "fonction": user.fonction,
            "telephone": user.telephone,
            "cree_le": _horodatage(user.date_joined),
            "derniere_connexion": _horodatage(user.last_login),
            "roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "adhesions": [
            {
                "territoire": str(adhesion.territoire),
                "role": adhesion.get_role_display(),
                "statut": adhesion.get_statut_display(),
                "demandee_le": _horodatage(adhesion.demandee_le),
                "decidee_le": _horodatage(adhesion.decidee_le),
            }
            for adhesion in adhesions
        ],
        "messages": [
            {
                "sujet": message.sujet,
                "texte": message.corps_texte,
                "cree_le": _horodatage(message.cree_le),
                "envoye_le": _horodatage(message.envoye_le),
                "lu_le": _horodatage(message.lu_le),
            }
            for message in messages
        ],
        "journal": [
            {
                "horodatage": _horodatage(evenement.horodatage),
                "action": evenement.get_action_display(),
                "objet": evenement.objet_libelle,
                "transition": evenement.transition,
                "commentaire": evenement.commentaire,
            }
            for evenement in evenements
        ],
    }


@transaction.atomic
def anonymiser(user: User, *, motif: str) -> User:
    """Replace what identifies ``user``; keep the administrative records that point to them."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from notifications.models import Message

    user = User.objects.select_for_update().get(pk=user.pk)
    if user.anonymise_le:
        return user
    maintenant = timezone.now()
    user.nom_complet = f"Compte supprimé n° {user.pk}"
    user.email = f"compte-supprime-{user.pk}@anonyme.invalid"
    user.fonction = ""
    user.telephone = ""
    user.set_unusable_password()
    user.is_active = False
    user.anonymise_le = maintenant
    user.save()
    user.adhesions.exclude(statut=Adhesion.Statut.REFUSEE).update(statut=Adhesion.Statut.TERMINEE)
    Message.objects.filter(destinataire=user).update(adresse="")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _fermer_sessions(user)
    enregistrer(
        action=Evenement.Action.DONNEES_PERSONNELLES,
        acteur=user,
        objet=user,
        commentaire=motif,
    )
    return user


def _fermer_sessions(user: User) -> None:
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def appliquer_durees_de_conservation(*, maintenant: dt.datetime | None = None) -> dict[str, int]:
    """Minimise personal data past their retention periods (settings ``RETENTION_*``).

    - accounts without a log-in for ``RETENTION_COMPTES_INACTIFS_JOURS`` are anonymised;
    - notification bodies and addresses older than ``RETENTION_MESSAGES_JOURS`` are emptied
      (subject, template and dates stay as the trace that a notice was sent), and
      accessibility complaints older than that period are deleted;
    - client IP addresses of journal entries older than ``RETENTION_ADRESSES_IP_JOURS`` are
      deleted (they live outside the hashed content, so the chain stays verifiable), and so
      are django-axes' own records of log-in attempts (addresses, typed identifiers).
    """
    from notifications.models import Message

    maintenant = maintenant or timezone.now()
    limite_comptes = maintenant - dt.timedelta(days=settings.RETENTION_COMPTES_INACTIFS_JOURS)
    inactifs = User.objects.filter(anonymise_le__isnull=True, is_superuser=False).filter(
        Q(last_login__lt=limite_comptes)
        | Q(last_login__isnull=True, date_joined__lt=limite_comptes)
    )
    comptes = 0
    for user in inactifs.iterator():
        anonymiser(user, motif="Compte inactif depuis plus de la durée de conservation")
        comptes += 1
    limite_messages = maintenant - dt.timedelta(days=settings.RETENTION_MESSAGES_JOURS)
    messages = (
        Message.objects.filter(cree_le__lt=limite_messages)
        .exclude(etat=Message.Etat.EN_ATTENTE)
        .exclude(corps_texte="", corps_html="", adresse="")
        .update(corps_texte="", corps_html="", adresse="")
    )
    from core.models import SignalementAccessibilite

    signalements, _ = SignalementAccessibilite.objects.filter(recu_le__lt=limite_messages).delete()
    limite_ip = maintenant - dt.timedelta(days=settings.RETENTION_ADRESSES_IP_JOURS)
    adresses, _ = AdresseIP.objects.filter(evenement__horodatage__lt=limite_ip).delete()
    _purger_traces_axes(limite_ip)
    return {
        "comptes": comptes,
        "messages": messages,
        "signalements": signalements,
        "adresses_ip": adresses,
    }


def _purger_traces_axes(limite: dt.datetime) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for modele in (AccessAttempt, AccessFailureLog, AccessLog):
        modele.objects.filter(attempt_time__lt=limite).delete()
