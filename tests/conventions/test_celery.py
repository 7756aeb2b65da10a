# SPDX-License-Identifier: EUPL-1.2
"""Generation through a real Celery worker on the real Redis (REDIS_URL; skipped locally
without it, failing under CI=true)."""

import io
import time
import zipfile

from conventions.lots import lancer_lot
from conventions.models import MENTION_COMMUNICATION, Convention, LotGeneration
from territoires.models import Territoire
from tests.conventions.factories import beneficiaire, parcours_laureats
from tests.conventions.outils import lire, texte_pdf, xmp


def attendre_fin(lot: LotGeneration, secondes: float = 120) -> LotGeneration:
    limite = time.monotonic() + secondes
    while time.monotonic() < limite:
        lot.refresh_from_db()
        if lot.etat == LotGeneration.Etat.TERMINE:
            return lot
        time.sleep(0.2)
    raise AssertionError(f"Lot inachevé : {lot.faits}/{lot.total}, erreurs {lot.erreurs}")


def test_one_convention_is_generated_by_the_worker(celery_worker_redis, agent_metropole):
    parcours = parcours_laureats()
    beneficiaire(parcours, "94080")
    lot = attendre_fin(lancer_lot(parcours=parcours, par=agent_metropole))
    assert (lot.reussis, lot.echecs) == (1, 0)
    document = Convention.objects.get().document
    contenu = lire(document)
    texte = texte_pdf(contenu)
    assert "Vincennes" in texte and MENTION_COMMUNICATION in texte and "1er mars 2027" in texte
    assert b'pdfaid:part="3"' in xmp(contenu)


def test_a_batch_of_30_is_generated_by_the_worker(celery_worker_redis, agent_metropole):
    parcours = parcours_laureats()
    communes = Territoire.objects.filter(nature="commune").order_by("code")[:30]
    for commune in communes:
        beneficiaire(parcours, commune.code)
    lot = attendre_fin(lancer_lot(parcours=parcours, par=agent_metropole), secondes=240)
    assert (lot.total, lot.reussis, lot.echecs) == (30, 30, 0)
    with lot.archive.open("rb") as fichier:
        noms = zipfile.ZipFile(io.BytesIO(fichier.read())).namelist()
    assert len(noms) == 30
    assert Convention.objects.filter(documents__nature="generee").distinct().count() == 30
