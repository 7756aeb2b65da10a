# SPDX-License-Identifier: EUPL-1.2
"""Periodic tasks of the tracks: thin wrappers over queryset and model methods."""

import logging

from celery import shared_task

from core.workflow import TransitionRefusee, appliquer
from tracks.models import Parcours

logger = logging.getLogger(__name__)


@shared_task
def clore_candidatures_echues() -> int:
    """Close every published track whose deadline has passed; return how many were closed.

    Idempotent: a closed track is no longer "échu", and ``etat_attendu`` makes a concurrent
    run (or a staff member closing by hand at the same moment) a harmless no-op.
    """
    closes = 0
    for parcours in Parcours.objects.echus():
        try:
            appliquer(
                parcours,
                "clore_candidatures",
                par=None,
                etat_attendu=Parcours.Etat.PUBLIE,
                commentaire="Clôture automatique à la date limite.",
            )
        except TransitionRefusee as refus:
            logger.info("Parcours %s non clos : %s", parcours.pk, refus)
            continue
        closes += 1
    if closes:
        logger.info("%s parcours clos à la date limite", closes)
    return closes
