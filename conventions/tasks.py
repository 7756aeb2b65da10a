# SPDX-License-Identifier: EUPL-1.2
"""Background jobs of the conventions: thin wrappers over :mod:`conventions.lots`."""

from celery import shared_task

from conventions import lots


@shared_task
def generer_lot(lot_id: int) -> None:
    """Queue one task per selected beneficiary, so that every worker takes a share."""
    ids = lots.repartir(lot_id)
    if not ids:
        lots.assembler_archive(lot_id)
    for candidature_id in ids:
        generer_convention_du_lot.delay(lot_id, candidature_id)


@shared_task
def generer_convention_du_lot(lot_id: int, candidature_id: int) -> None:
    if lots.generer_un(lot_id, candidature_id):
        lots.assembler_archive(lot_id)
