# SPDX-License-Identifier: EUPL-1.2
"""Daily digests of the journal: the last hash of each day, published for anyone to keep."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from audit.models import EmpreinteJournaliere, Evenement


def _bornes(jour: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The day in Europe/Paris (the current time zone), as aware datetimes."""
    debut = timezone.make_aware(dt.datetime.combine(jour, dt.time.min))
    fin = timezone.make_aware(dt.datetime.combine(jour + dt.timedelta(days=1), dt.time.min))
    return debut, fin


@transaction.atomic
def calculer_empreintes(*, maintenant: dt.datetime | None = None) -> list[EmpreinteJournaliere]:
    """Record the digest of every finished day that has entries and no digest yet.

    A digest, once written, is never recomputed: that is what makes it a witness. Days before
    the last recorded digest are not revisited either (late entries cannot exist: the journal
    is append-only and timestamped at insertion).
    """
    maintenant = maintenant or timezone.now()
    aujourd_hui = timezone.localdate(maintenant)
    derniere = EmpreinteJournaliere.objects.order_by("-jour").first()
    evenements = Evenement.objects.filter(horodatage__lt=_bornes(aujourd_hui)[0])
    if derniere is not None:
        evenements = evenements.filter(horodatage__gte=_bornes(derniere.jour)[1])
    premier = evenements.order_by("horodatage").values_list("horodatage", flat=True).first()
    if premier is None:
        return []
    crees = []
    jour = timezone.localdate(premier)
    while jour < aujourd_hui:
        debut, fin = _bornes(jour)
        du_jour = Evenement.objects.filter(horodatage__gte=debut, horodatage__lt=fin).aggregate(
            dernier=Max("pk"), nombre=Count("pk")
        )
        if du_jour["dernier"]:
            dernier = Evenement.objects.get(pk=du_jour["dernier"])
            crees.append(
                EmpreinteJournaliere.objects.create(
                    jour=jour,
                    empreinte=dernier.empreinte,
                    dernier_evenement=dernier,
                    nombre_evenements=du_jour["nombre"],
                    calculee_le=maintenant,
                )
            )
        jour += dt.timedelta(days=1)
    return crees


@dataclass
class AnomalieEmpreinte:
    jour: dt.date
    raison: str


def verifier_empreintes() -> list[AnomalieEmpreinte]:
    """Check each recorded digest against the journal as it stands now."""
    anomalies = []
    for empreinte in EmpreinteJournaliere.objects.select_related("dernier_evenement"):
        debut, fin = _bornes(empreinte.jour)
        du_jour = Evenement.objects.filter(horodatage__gte=debut, horodatage__lt=fin)
        dernier = du_jour.order_by("-pk").first()
        if dernier is None or dernier.pk != empreinte.dernier_evenement_id:
            anomalies.append(
                AnomalieEmpreinte(empreinte.jour, "la dernière entrée du jour a changé")
            )
        elif dernier.empreinte != empreinte.empreinte:
            anomalies.append(
                AnomalieEmpreinte(empreinte.jour, "l'empreinte publiée ne correspond plus")
            )
        if du_jour.count() != empreinte.nombre_evenements:
            anomalies.append(
                AnomalieEmpreinte(empreinte.jour, "le nombre d'entrées du jour a changé")
            )
    return anomalies
