# SPDX-License-Identifier: EUPL-1.2
"""Batch generation: every selected beneficiary's convention of a track, in the background.

:func:`lancer_lot` records a :class:`LotGeneration` and queues its job after commit. The job
queues one task per beneficiary, so that several workers share the batch; each task records
its success or its error on the batch (a failure stops nothing else), and the last one to
finish assembles the ZIP.
"""

import io
import logging
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from conventions.documents import ETAT_SELECTIONNEE, creer_convention, generer_pdf
from conventions.models import Convention, LotGeneration

logger = logging.getLogger(__name__)


def selectionnees(parcours):
    return parcours.candidatures.filter(etat=ETAT_SELECTIONNEE)


@transaction.atomic
def lancer_lot(*, parcours, par) -> LotGeneration:
    """Record the batch of ``parcours`` and queue it once the transaction is committed."""
    from conventions import tasks

    total = selectionnees(parcours).count()
    if not total:
        raise ValidationError(
            f"Le parcours « {parcours} » n'a aucune candidature sélectionnée : aucune convention "
            "à générer."
        )
    lot = LotGeneration.objects.create(parcours=parcours, total=total, demande_par=par)
    transaction.on_commit(lambda: tasks.generer_lot.delay(lot.pk))
    return lot


def repartir(lot_id: int) -> list[int]:
    """Mark the batch started; the candidatures to process (one task each)."""
    with transaction.atomic():
        lot = LotGeneration.objects.select_for_update().get(pk=lot_id)
        ids = list(
            selectionnees(lot.parcours).order_by("territoire__nom_tri").values_list("pk", flat=True)
        )
        lot.etat = LotGeneration.Etat.EN_COURS
        lot.total = len(ids)
        lot.save(update_fields=["etat", "total"])
    return ids


def _message(erreur: Exception) -> str:
    if isinstance(erreur, ValidationError):
        return " ".join(erreur.messages)
    return f"Erreur inattendue pendant la génération ({type(erreur).__name__}) : {erreur}"


def generer_un(lot_id: int, candidature_id: int) -> bool:
    """Create (if needed) and generate one convention; record the outcome on the batch.

    Returns True when the batch is complete after this one (the caller assembles the ZIP).
    """
    from candidatures.models import Candidature

    lot = LotGeneration.objects.get(pk=lot_id)
    erreur = None
    candidature = None
    try:
        candidature = Candidature.objects.select_related("territoire", "parcours").get(
            pk=candidature_id
        )
        with transaction.atomic():
            convention = creer_convention(candidature=candidature)
            if convention.etat == Convention.Etat.BROUILLON:
                generer_pdf(convention, par=lot.demande_par)
            elif convention.document is None:
                raise ValidationError("La convention a été envoyée sans PDF généré.")
    except Exception as exc:  # one failure must not stop the batch: it is reported instead
        logger.exception("Lot %s : échec pour la candidature %s", lot_id, candidature_id)
        erreur = exc
    with transaction.atomic():
        lot = LotGeneration.objects.select_for_update().get(pk=lot_id)
        if erreur is None:
            lot.reussis = F("reussis") + 1
        else:
            lot.echecs = F("echecs") + 1
            lot.erreurs = [
                *lot.erreurs,
                {
                    "candidature": candidature_id,
                    "territoire": str(candidature.territoire) if candidature else "",
                    "message": _message(erreur),
                },
            ]
        lot.save(update_fields=["reussis", "echecs", "erreurs"])
        lot.refresh_from_db(fields=["reussis", "echecs"])
        return lot.faits >= lot.total


def assembler_archive(lot_id: int) -> LotGeneration:
    """The ZIP of the batch's generated conventions; the batch is then finished."""
    lot = LotGeneration.objects.select_related("parcours").get(pk=lot_id)
    tampon = io.BytesIO()
    conventions = Convention.objects.avec_relations().filter(
        candidature__in=selectionnees(lot.parcours)
    )
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        for convention in conventions:
            document = convention.document
            if document is None:
                continue
            with document.fichier.open("rb") as fichier:
                archive.writestr(document.nom_telechargement, fichier.read())
    with transaction.atomic():
        lot = LotGeneration.objects.select_for_update().get(pk=lot_id)
        lot.archive.save("lot.zip", ContentFile(tampon.getvalue()), save=False)
        lot.etat = LotGeneration.Etat.TERMINE
        lot.termine_le = timezone.now()
        lot.save(update_fields=["archive", "etat", "termine_le"])
    return lot
