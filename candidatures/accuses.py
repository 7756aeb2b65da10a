# SPDX-License-Identifier: EUPL-1.2
"""Acknowledgement of receipt of an application (CRPA art. L112-11; COMPLIANCE 20).

On submission (:meth:`Candidature.deposer`) a number ``AM-<year>-<NNNN>`` is given from a
per-year counter row locked with ``select_for_update`` (two simultaneous submissions never
share a number), and the exact time of receipt is stored.

The PDF takes about half a second to render with WeasyPrint, so it is NOT generated inside
the submission request: after commit a Celery task (:func:`candidatures.tasks.generer_accuse`)
renders and stores it with its SHA-256. The receipt web page is served at once from the
database; if the PDF is asked for before the task ran (or the broker was down), the download
view renders it on the spot (:func:`pdf_accuse`) and stores it, so it is always available.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from core.formats import en_heure_de_paris
from core.pdf import rendre_pdf, sha256

logger = logging.getLogger(__name__)

GABARIT_PDF = "candidatures/pdf/accuse.html"


def allouer_numero(moment: dt.datetime) -> str:
    """The next receipt number of the (Paris) year of ``moment``, without race."""
    from candidatures.models import CompteurAccuse

    annee = en_heure_de_paris(moment).year
    with transaction.atomic():
        try:
            with transaction.atomic():
                CompteurAccuse.objects.get_or_create(annee=annee)
        except IntegrityError:  # created meanwhile by a concurrent submission
            pass
        compteur = CompteurAccuse.objects.select_for_update().get(annee=annee)
        compteur.dernier += 1
        compteur.save(update_fields=["dernier"])
    return f"AM-{annee}-{compteur.dernier:04d}"


def etapes_suivantes(candidature) -> list[dict]:
    """What happens after submission, with the expected dates known today."""
    parcours = candidature.parcours
    etapes = [
        {
            "libelle": "Vérification de la recevabilité du dossier par les services de la Métropole",
            "quand": "à compter de la clôture des candidatures",
            "date": parcours.date_limite,
        },
        {
            "libelle": "Examen des candidatures admissibles par le comité d'examen, "
            "avec audition éventuelle",
            "quand": "après la vérification de recevabilité",
            "date": None,
        },
        {
            "libelle": "Décision du Bureau métropolitain sur proposition du comité",
            "quand": "à l'issue de l'examen ; la décision vous sera notifiée",
            "date": None,
        },
    ]
    return etapes + _jalons(parcours)


def _jalons(parcours) -> list[dict]:
    """The planned dates staff published for the next steps of the track (tracks.JalonPrevu)."""
    return [
        {
            "libelle": jalon.get_etape_display(),
            "quand": "date prévisionnelle",
            "date": jalon.date_prevue,
        }
        for jalon in parcours.jalons.all()
        if jalon.etape not in ("publie", "instruction")
    ]


def contexte_accuse(candidature) -> dict:
    return {
        "candidature": candidature,
        "pieces": list(candidature.pieces.all()),
        "service": settings.SERVICE_INSTRUCTEUR,
        "etapes": etapes_suivantes(candidature),
    }


def pdf_accuse(candidature) -> bytes:
    """The stored PDF, or render and store it now (task not run yet, or broker down)."""
    if candidature.accuse_pdf:
        with candidature.accuse_pdf.open("rb") as fichier:
            return fichier.read()
    return generer_et_stocker(candidature)


def generer_et_stocker(candidature) -> bytes:
    contenu = rendre_pdf(
        GABARIT_PDF,
        contexte_accuse(candidature),
        titre=f"Accusé de réception {candidature.numero}",
    )
    candidature.accuse_pdf.save(f"{candidature.numero}.pdf", ContentFile(contenu), save=False)
    candidature.accuse_sha256 = sha256(contenu)
    type(candidature).objects.filter(pk=candidature.pk).update(
        accuse_pdf=candidature.accuse_pdf.name, accuse_sha256=candidature.accuse_sha256
    )
    return contenu


def apres_depot(pk: int) -> None:
    """After commit of a submission: queue the PDF; a broker outage must not fail the request."""
    from candidatures.tasks import generer_accuse

    try:
        generer_accuse.delay(pk)
    except Exception:  # the download view renders it on demand instead
        logger.exception("Accusé de réception %s non mis en file", pk)
