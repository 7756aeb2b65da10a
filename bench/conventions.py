# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of convention generation (issue 6); results go in docs/performance.md.

    .venv/bin/python bench/conventions.py [--repetitions 15] [--lot 130] [--workers 2]

It works on its own throw-away SQLite database and media folder (never the shared ones) and
measures, in one run:

1. the median time to produce ONE convention through the product: load the convention and its
   relations, render the template version, French typography, PDF/A-3a through core.pdf,
   SHA-256 and private storage, with the row written (``conventions.documents.generer_pdf``);
2. the median time of WeasyPrint ALONE on the same final HTML with the same stylesheet and
   options (tags, PDF/A-3a): the floor the product cannot go under;
3. the wall time of a batch of ``--lot`` conventions through a real Celery worker with
   ``--workers`` processes on Redis (``REDIS_URL``, default ``redis://127.0.0.1:6379/12``),
   from the launch to the ZIP. Skipped, with a message, when Redis is unreachable.

Targets: the product adds at most 20 % to WeasyPrint's time; the batch of 130 under 2 minutes.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = Path(tempfile.mkdtemp(prefix="bench-conventions-"))
ENV = {
    "DEBUG": "1",
    # IMMEDIATE transactions and a busy timeout: two worker processes write to one SQLite file.
    "DATABASE_URL": f"sqlite:///{DOSSIER / 'bench.sqlite3'}?transaction_mode=IMMEDIATE&timeout=30",
    "MEDIA_ROOT": str(DOSSIER / "media"),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
    "DJANGO_SETTINGS_MODULE": "appropriation.settings",
}


def preparer_django(avec_redis: bool) -> None:
    os.environ.update(ENV)
    if not avec_redis:
        os.environ["REDIS_URL"] = ""
    sys.path.insert(0, str(RACINE))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    with connection.cursor() as curseur:  # two worker processes write: let readers proceed
        curseur.execute("PRAGMA journal_mode=WAL")


def donnees(nombre: int, titre: str):
    """A track in LAUREATS with ``nombre`` selected communes."""
    import datetime as dt

    from candidatures.models import Candidature
    from territoires.models import Territoire
    from tracks.models import Parcours

    parcours = Parcours.objects.create(
        titre=titre,
        slug=titre.lower().replace(" ", "-"),
        theme="Mesurer l'occupation des aires de livraison.",
        experimentation_debut=dt.date(2027, 3, 1),
        experimentation_fin=dt.date(2027, 9, 30),
    )
    Parcours.objects.filter(pk=parcours.pk).update(etat=Parcours.Etat.LAUREATS)
    communes = Territoire.objects.filter(nature="commune").order_by("code")[:nombre]
    for commune in communes:
        candidature = Candidature.objects.create(
            parcours=parcours,
            territoire=commune,
            representant_nom=f"Maire de {commune.nom}",
            representant_qualite="Maire",
        )
        Candidature.objects.filter(pk=candidature.pk).update(etat="selectionnee")
    return parcours


def mesurer_unitaire(repetitions: int) -> tuple[float, float]:
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML

    from conventions import documents
    from conventions.models import Convention
    from core import pdf

    parcours = donnees(1, "Bench unitaire")
    convention = documents.creer_convention(candidature=parcours.candidatures.get())
    pk = convention.pk

    def produit() -> None:
        documents.generer_pdf(Convention.objects.avec_relations().get(pk=pk))

    entete = f"Métropole du Grand Paris – ApproprIAtion Métropolitaine – convention n° {convention.reference}"
    html = render_to_string(
        documents.GABARIT_PDF,
        {
            **documents.contexte_document(convention),
            "titre_document": documents.titre_document(convention),
        },
    )
    css_texte = pdf.CSS_COMMUN % {
        "polices": pdf.DOSSIER_POLICES.as_uri(),
        "entete": pdf._echapper_css(entete),
    }

    def weasyprint_seul() -> None:
        css = CSS(string=css_texte, url_fetcher=pdf._fetcher())
        HTML(
            string=html, base_url=pdf.DOSSIER_POLICES.as_uri() + "/", url_fetcher=pdf._fetcher()
        ).write_pdf(stylesheets=[css], pdf_tags=True, pdf_variant=pdf.VARIANTE_PDFA)

    produit(), weasyprint_seul()  # warm-up: fonts loaded, templates compiled
    temps_produit, temps_weasy = [], []
    for _ in range(repetitions):  # interleaved, so that machine noise hits both alike
        debut = time.perf_counter()
        weasyprint_seul()
        temps_weasy.append(time.perf_counter() - debut)
        debut = time.perf_counter()
        produit()
        temps_produit.append(time.perf_counter() - debut)
    return statistics.median(temps_produit), statistics.median(temps_weasy)


def mesurer_lot(nombre: int, workers: int) -> tuple[float, int, int] | None:
    import redis

    try:
        redis.Redis.from_url(ENV["REDIS_URL"], socket_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        print(f"Redis injoignable à {ENV['REDIS_URL']} : lot non mesuré.")
        return None
    redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()
    from conventions.lots import lancer_lot
    from conventions.models import LotGeneration

    parcours = donnees(nombre, "Bench lot")
    worker = subprocess.Popen(
        [
            str(RACINE / ".venv" / "bin" / "celery"),
            "-A",
            "appropriation",
            "worker",
            "--concurrency",
            str(workers),
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=RACINE,
        env={**os.environ, **ENV},
    )
    try:
        time.sleep(4)  # let the worker connect before the clock starts
        debut = time.perf_counter()
        lot = lancer_lot(parcours=parcours, par=None)
        while True:
            lot.refresh_from_db()
            if lot.etat == LotGeneration.Etat.TERMINE:
                break
            if time.perf_counter() - debut > 600:
                raise SystemExit(f"Lot inachevé après 10 minutes : {lot.faits}/{lot.total}")
            time.sleep(0.2)
        return time.perf_counter() - debut, lot.reussis, lot.echecs
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repetitions", type=int, default=15)
    arguments.add_argument("--lot", type=int, default=130)
    arguments.add_argument("--workers", type=int, default=2)
    options = arguments.parse_args()

    preparer_django(avec_redis=options.lot > 0)
    produit, weasy = mesurer_unitaire(options.repetitions)
    surcout = 100 * (produit - weasy) / weasy
    print(f"Une convention, médiane sur {options.repetitions} :")
    print(f"  par le produit (données, modèle, PDF/A, stockage) : {produit * 1000:.0f} ms")
    print(f"  WeasyPrint seul, même HTML et mêmes options      : {weasy * 1000:.0f} ms")
    print(f"  surcoût du produit : {surcout:+.1f} % (cible : ≤ 20 %)")
    if options.lot:
        resultat = mesurer_lot(options.lot, options.workers)
        if resultat:
            duree, reussis, echecs = resultat
            print(
                f"Lot de {options.lot} conventions, {options.workers} processus Celery : "
                f"{duree:.1f} s ({reussis} générées, {echecs} en échec ; cible : < 120 s)"
            )


if __name__ == "__main__":
    main()
