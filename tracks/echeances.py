# SPDX-License-Identifier: EUPL-1.2
"""Moving the deadline of a published call (issue 19.4): never silently.

Once a call is published, territoires plan their work on its deadline. Moving it needs a
reason, leaves them a minimum notice (``settings.DELAI_MINIMAL_REPORT_ECHEANCE``, in hours),
is never a shortening once someone has deposited, and is written in the journal (which the
track's timeline reads) and told to every territoire that has a draft or a deposit.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Adhesion
from audit.journal import enregistrer
from audit.models import Evenement
from core.formats import echeance
from core.workflow import TransitionRefusee
from notifications.outbox import notifier
from tracks.models import Parcours

GABARIT = "echeance_modifiee"
CHAMP = "date_limite"  # the journal entries of this change carry {"champ": CHAMP}


def delai_minimal() -> dt.timedelta:
    return dt.timedelta(hours=settings.DELAI_MINIMAL_REPORT_ECHEANCE)


def raison_etat(parcours: Parcours) -> str | None:
    """Why the deadline cannot move at all now (a draft's is edited in its form), or None."""
    if parcours.etat != Parcours.Etat.PUBLIE:
        return "La date limite ne se reporte que pendant l'appel à candidatures publié."
    if parcours.date_limite and parcours.date_limite <= timezone.now():
        return "La date limite est déjà passée : les candidatures sont closes."
    return None


def raisons_refus(parcours: Parcours, nouvelle: dt.datetime | None, motif: str) -> list[str]:
    """What forbids moving the deadline to ``nouvelle``, in French; empty when allowed."""
    maintenant = timezone.now()
    if raison := raison_etat(parcours):
        return [raison]
    raisons = []
    if not motif.strip():
        raisons.append("Indiquez le motif du changement : il est communiqué aux territoires.")
    if nouvelle is None:
        return raisons + ["Indiquez la nouvelle date limite."]
    if nouvelle == parcours.date_limite:
        raisons.append("La nouvelle date limite est celle déjà publiée.")
    if nouvelle < maintenant + delai_minimal():
        raisons.append(
            "La nouvelle date limite doit laisser au moins "
            f"{settings.DELAI_MINIMAL_REPORT_ECHEANCE} heures aux territoires : "
            f"pas avant {echeance(maintenant + delai_minimal())}."
        )
    if nouvelle < parcours.date_limite and _depots(parcours).exists():
        raisons.append(
            "Des candidatures sont déjà déposées : la date limite ne peut plus être avancée, "
            "seulement reportée."
        )
    return raisons


def _candidatures(parcours: Parcours):
    """The track's applications (reverse relation of the candidatures app, built above)."""
    return parcours.candidatures.all() if hasattr(parcours, "candidatures") else None


def _depots(parcours: Parcours):
    candidatures = _candidatures(parcours)
    if candidatures is None:
        return Parcours.objects.none()
    return candidatures.filter(deposee_le__isnull=False)


@transaction.atomic
def reporter_date_limite(
    *, parcours: Parcours, nouvelle: dt.datetime, motif: str, par, adresse_ip: str | None = None
) -> Evenement:
    """Move the deadline, record who/when/why, notify each territoire with an application.

    Raises :class:`core.workflow.TransitionRefusee` with the French reasons, nothing changed.
    """
    parcours = Parcours.objects.select_for_update().get(pk=parcours.pk)
    raisons = raisons_refus(parcours, nouvelle, motif)
    if raisons:
        raise TransitionRefusee(raisons)
    ancienne = parcours.date_limite
    parcours.date_limite = nouvelle
    parcours.save(update_fields=["date_limite", "modifie_le"])
    evenement = enregistrer(
        action=Evenement.Action.MODIFICATION,
        acteur=par,
        objet=parcours,
        commentaire=motif.strip(),
        donnees={
            "champ": CHAMP,
            "ancienne": ancienne.isoformat(),
            "nouvelle": nouvelle.isoformat(),
        },
        adresse_ip=adresse_ip,
    )
    candidatures = _candidatures(parcours)
    territoires = (
        set(candidatures.values_list("territoire_id", flat=True)) if candidatures else set()
    )
    agents = (
        Adhesion.objects.approuvees()
        .filter(territoire__in=territoires, utilisateur__is_active=True)
        .select_related("utilisateur", "territoire")
        .order_by("territoire__nom", "utilisateur_id")
    )
    for adhesion in agents:
        notifier(
            destinataire=adhesion.utilisateur,
            gabarit=GABARIT,
            objet=parcours,
            contexte={
                "parcours": parcours,
                "territoire": adhesion.territoire,
                "ancienne": echeance(ancienne),
                "nouvelle": echeance(nouvelle),
                "motif": motif.strip(),
            },
            cle=f"{GABARIT}|{evenement.pk}|{adhesion.utilisateur_id}|{adhesion.territoire_id}",
        )
    return evenement


def reports(parcours: Parcours) -> list[dict]:
    """The deadline changes of a track, oldest first, from the journal (the timeline's source)."""
    return [
        {
            "le": e.horodatage,
            "ancienne": dt.datetime.fromisoformat(e.donnees["ancienne"]),
            "nouvelle": dt.datetime.fromisoformat(e.donnees["nouvelle"]),
            "motif": e.commentaire,
            "par": e.acteur_libelle,
        }
        for e in Evenement.objects.pour(parcours).filter(
            action=Evenement.Action.MODIFICATION, donnees__champ=CHAMP
        )
    ]
