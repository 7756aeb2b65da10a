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
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from core.formats import date_longue, echeance, en_heure_de_paris
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


# The date of the committee's next sitting on a track comes from the comite app, which sits
# above this one: it registers its source here in ``ComiteConfig.ready`` (apps are layers).
_SOURCES_SEANCE: list[Callable] = []


def enregistrer_source_seance(source: Callable) -> None:
    """``source(parcours)`` returns the date and time of the next planned sitting, or None."""
    if source not in _SOURCES_SEANCE:
        _SOURCES_SEANCE.append(source)


def _prochaine_seance(parcours) -> dt.datetime | None:
    for source in _SOURCES_SEANCE:
        if moment := source(parcours):
            return moment
    return None


def etapes_suivantes(candidature) -> list[dict]:
    """What happens after submission, with the expected dates known today.

    The committee's sitting is the next one planned for the track; the Bureau's decision is
    the date staff planned for the selection (``JalonPrevu`` of the "laureats" step). A date
    not yet fixed is said so, instead of being left out.
    """
    parcours = candidature.parcours
    jalons = {jalon.etape: jalon.date_prevue for jalon in parcours.jalons.all()}
    seance = _prochaine_seance(parcours)
    decision = jalons.get("laureats")
    etapes = [
        {
            "libelle": "Vérification de la recevabilité du dossier par les services de la Métropole",
            "quand": "à compter de la clôture des candidatures",
            "date": parcours.date_limite,
        },
        {
            "libelle": "Examen des candidatures admissibles par le comité d'examen, "
            "avec audition éventuelle",
            "quand": "séance prévue" if seance else "date de séance non encore fixée",
            "date": seance,
        },
        {
            "libelle": "Décision du Bureau métropolitain sur proposition du comité",
            "quand": "date prévisionnelle, la décision vous sera notifiée"
            if decision
            else "à l'issue de l'examen ; la décision vous sera notifiée",
            "date": decision,
        },
    ]
    etapes += _jalons(parcours)
    for etape in etapes:
        etape["quand_texte"] = _quand(etape["date"])
    return etapes


def _quand(moment: dt.date | dt.datetime | None) -> str:
    """A moment with its hour in the one deadline wording; a day as "le jeudi 15 janvier 2026"."""
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        return echeance(moment)
    return f"le {date_longue(moment)}"


def _jalons(parcours) -> list[dict]:
    """The planned dates staff published for the next steps of the track (tracks.JalonPrevu)."""
    return [
        {
            "libelle": jalon.get_etape_display(),
            "quand": "date prévisionnelle",
            "date": jalon.date_prevue,
        }
        for jalon in parcours.jalons.all()
        if jalon.etape not in ("publie", "instruction", "laureats")
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
