# SPDX-License-Identifier: EUPL-1.2
"""The reminder registry: each app declares the reminders it needs; one task sends them.

The periodic task ``planifier_rappels`` (django-celery-beat, hourly from 8 h to 19 h, Paris
time) calls :func:`planifier_rappels`, which asks every registered rule what is due *now*
and writes one outbox message per due reminder with its natural key (kind, object,
recipient, due date). The unique ``Message.cle`` makes the whole thing idempotent: run it
twice, late, or on two workers, each reminder leaves once. A late run still sends what is
due (each rule looks at a window, not at an exact instant).

How to add a reminder (comite, conventions, suivi…)
---------------------------------------------------
1. In ``<app>/rappels.py`` (imported automatically at start-up)::

       from notifications.rappels import RappelDu, rappel

       @rappel("rappel_notation", "Rappel de notation 3 jours avant la séance", obligatoire=True)
       def notations_a_rendre(maintenant):
           # Query ONLY what is due: filter on due dates (indexed), never scan a whole table.
           for seance in SessionExamen.objects.filter(
               date__gt=maintenant, date__lte=maintenant + timedelta(days=3)
           ):
               for membre in seance.membres_sans_notes():
                   yield RappelDu(
                       destinataire=membre,
                       objet=seance,
                       echeance=seance.date,  # the due date in the key: one reminder per date
                       contexte={"seance": seance},
                   )

   The echeance distinguishes successive reminders for one object (a weekly signature
   reminder uses the week: ``echeance=maintenant.date() - timedelta(days=maintenant.weekday())``).
2. Add the templates in ``<app>/templates/notifications/emails/``: ``<gabarit>.sujet.txt``,
   ``<gabarit>.txt`` and optionally ``<gabarit>.html`` (conventions in
   :mod:`notifications.outbox`).
3. Test it with ``planifier_rappels(maintenant=...)`` and a frozen clock: due → one message;
   run twice → still one; not due → none.

One-off notices caused by an action (acknowledgement of receipt, decision…) do not belong
here: call :func:`notifications.outbox.notifier` in the transaction of the action.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone

from notifications import outbox
from notifications.models import Message

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RappelDu:
    """One reminder due now, as computed by a rule."""

    destinataire: object
    objet: models.Model | None = None
    echeance: object = None  # date or datetime: part of the natural key
    contexte: dict = field(default_factory=dict)
    gabarit: str = ""  # filled in from the rule
    obligatoire: bool = False

    @property
    def cle(self) -> str:
        return outbox.cle_rappel(self.gabarit, self.objet, self.destinataire, self.echeance)


@dataclass(frozen=True)
class Rappel:
    """A rule: ``calculer(maintenant)`` yields the reminders due at ``maintenant``."""

    gabarit: str
    description: str
    calculer: Callable[..., Iterable[RappelDu]]
    obligatoire: bool = False


REGISTRE: dict[str, Rappel] = {}


def rappel(gabarit: str, description: str, *, obligatoire: bool = False):
    """Register the decorated function as the rule of the reminder ``gabarit``."""

    def enregistrer(calculer):
        REGISTRE[gabarit] = Rappel(gabarit, description, calculer, obligatoire)
        return calculer

    return enregistrer


def calculer_rappels_dus(maintenant=None) -> list[RappelDu]:
    """Every reminder due at ``maintenant`` according to the registered rules."""
    maintenant = maintenant or timezone.now()
    dus: list[RappelDu] = []
    for regle in REGISTRE.values():
        dus.extend(
            replace(du, gabarit=regle.gabarit, obligatoire=regle.obligatoire)
            for du in regle.calculer(maintenant)
        )
    return dus


def planifier_rappels(maintenant=None) -> int:
    """Write the due reminders not written yet; returns how many were written."""
    dus = {du.cle: du for du in calculer_rappels_dus(maintenant)}
    cles = list(dus)
    deja: set[str] = set()
    for debut in range(0, len(cles), 500):
        deja.update(
            Message.objects.filter(cle__in=cles[debut : debut + 500]).values_list("cle", flat=True)
        )
    ecrits = 0
    for cle, du in dus.items():
        if cle in deja:
            continue
        with transaction.atomic():  # one reminder per transaction: one bad row stops nothing
            ecrit = outbox.notifier(
                destinataire=du.destinataire,
                gabarit=du.gabarit,
                objet=du.objet,
                contexte=du.contexte,
                cle=cle,
                obligatoire=du.obligatoire,
            )
        ecrits += ecrit is not None
    logger.info("Rappels : %s dus, %s écrits", len(dus), ecrits)
    return ecrits


# The rules that need only tracks, candidatures and accounts ---------------------------

PALIERS_ECHEANCE = (14, 7, 1)  # days before the deadline
PUBLICATION_RECENTE = timedelta(days=7)


def _palier(date_limite, maintenant) -> int | None:
    """The latest milestone reached (J-14, J-7 or J-1), or None before J-14."""
    atteints = [j for j in PALIERS_ECHEANCE if date_limite - timedelta(days=j) <= maintenant]
    return min(atteints) if atteints else None


def _parcours_proches_de_l_echeance(maintenant):
    from tracks.models import Parcours

    return Parcours.objects.ouverts(maintenant).filter(
        date_limite__lte=maintenant + timedelta(days=max(PALIERS_ECHEANCE))
    )


def _membres(territoires):
    from accounts.models import Adhesion, User

    return (
        User.objects.filter(
            is_active=True,
            adhesions__statut=Adhesion.Statut.APPROUVEE,
            adhesions__territoire__in=territoires,
        )
        .distinct()
        .order_by("pk")
    )


@rappel(
    "rappel_echeance_brouillon", "Date limite dans 14, 7 et 1 jour(s) : candidature en brouillon"
)
def echeance_brouillons(maintenant) -> Iterable[RappelDu]:
    from candidatures.models import Candidature

    for parcours in _parcours_proches_de_l_echeance(maintenant):
        jours = _palier(parcours.date_limite, maintenant)
        brouillons = parcours.candidatures.filter(etat=Candidature.Etat.BROUILLON).values(
            "territoire"
        )
        for membre in _membres(brouillons):
            yield RappelDu(
                destinataire=membre,
                objet=parcours,
                echeance=parcours.date_limite - timedelta(days=jours),
                contexte={"parcours": parcours, "jours": jours},
            )


@rappel(
    "rappel_echeance_sans_candidature",
    "Date limite dans 14, 7 et 1 jour(s) : territoire sans candidature (sur abonnement)",
)
def echeance_sans_candidature(maintenant) -> Iterable[RappelDu]:
    from notifications.preferences import abonnes
    from territoires.models import Territoire

    for parcours in _parcours_proches_de_l_echeance(maintenant):
        jours = _palier(parcours.date_limite, maintenant)
        territoires = Territoire.objects.eligibles().exclude(
            pk__in=parcours.candidatures.values("territoire")
        )
        destinataires = abonnes("rappels_sans_candidature").filter(pk__in=_membres(territoires))
        for membre in destinataires.order_by("pk"):
            yield RappelDu(
                destinataire=membre,
                objet=parcours,
                echeance=parcours.date_limite - timedelta(days=jours),
                contexte={"parcours": parcours, "jours": jours},
            )


@rappel("parcours_publie", "Nouveau parcours publié (sur abonnement)")
def parcours_publies(maintenant) -> Iterable[RappelDu]:
    """Tracks published in the last days (from the journal's transition rows) and still open."""
    from django.contrib.contenttypes.models import ContentType

    from audit.models import Evenement
    from notifications.preferences import abonnes
    from territoires.models import Territoire
    from tracks.models import Parcours

    publications = Evenement.objects.filter(
        action=Evenement.Action.TRANSITION,
        content_type=ContentType.objects.get_for_model(Parcours),
        etat_apres=Parcours.Etat.PUBLIE,
        horodatage__gt=maintenant - PUBLICATION_RECENTE,
        horodatage__lte=maintenant,
    ).values_list("object_id", flat=True)
    ids = {int(pk) for pk in publications}
    if not ids:
        return
    parcours_ouverts = list(Parcours.objects.ouverts(maintenant).filter(pk__in=ids))
    if not parcours_ouverts:
        return
    destinataires = list(
        abonnes("parcours_publies")
        .filter(pk__in=_membres(Territoire.objects.eligibles()))
        .order_by("pk")
    )
    for parcours in parcours_ouverts:
        for membre in destinataires:
            yield RappelDu(destinataire=membre, objet=parcours, contexte={"parcours": parcours})


@rappel("rappel_adhesions_a_valider", "Demandes d'adhésion à valider (récapitulatif quotidien)")
def adhesions_a_valider(maintenant) -> Iterable[RappelDu]:
    """One digest a day to each person who can decide pending requests."""
    from accounts.models import Adhesion, User
    from accounts.roles import AGENT_METROPOLE

    en_attente = list(
        Adhesion.objects.en_attente()
        .filter(demandee_le__lte=maintenant)
        .select_related("utilisateur", "territoire")
        .order_by("demandee_le")
    )
    if not en_attente:
        return
    jour = timezone.localdate(maintenant)
    representants = (
        Adhesion.objects.approuvees()
        .filter(
            role=Adhesion.Role.REPRESENTANT_LEGAL,
            territoire__in={a.territoire_id for a in en_attente},
            utilisateur__is_active=True,
        )
        .select_related("utilisateur")
    )
    demandes_par_valideur: dict = {}
    for representant in representants:
        demandes_par_valideur.setdefault(representant.utilisateur, []).extend(
            a for a in en_attente if a.territoire_id == representant.territoire_id
        )
    for agent in User.objects.filter(is_active=True, groups__name=AGENT_METROPOLE).distinct():
        demandes_par_valideur[agent] = en_attente
    for valideur, demandes in demandes_par_valideur.items():
        yield RappelDu(
            destinataire=valideur,
            echeance=jour,
            contexte={"demandes": demandes, "nombre": len(demandes)},
        )
