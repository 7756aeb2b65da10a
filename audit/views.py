# SPDX-License-Identifier: EUPL-1.2
"""Public pages of the daily digests: anyone may download and keep them (open data)."""

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.models import EmpreinteJournaliere
from core.acces import sans_second_facteur
from core.formats import neutraliser_csv

LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def _empreintes():
    return EmpreinteJournaliere.objects.order_by("jour").values_list(
        "jour", "empreinte", "nombre_evenements"
    )


@sans_second_facteur
@require_GET
def empreintes(request):
    return render(
        request,
        "audit/empreintes.html",
        {
            "empreintes": EmpreinteJournaliere.objects.order_by("-jour")[:60],
            "licence": LICENCE,
        },
    )


@sans_second_facteur
@require_GET
def empreintes_json(request):
    return JsonResponse(
        {
            "titre": "Empreintes journalières du journal d'audit — ApproprIAtion Métropolitaine",
            "producteur": "Métropole du Grand Paris",
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "algorithme": "SHA-256 chaîné ; empreinte de la dernière entrée de chaque jour "
            "(heure de Paris)",
            "empreintes": [
                {"jour": jour.isoformat(), "empreinte": empreinte, "nombre_evenements": nombre}
                for jour, empreinte, nombre in _empreintes()
            ],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@sans_second_facteur
@require_GET
def empreintes_csv(request):
    reponse = HttpResponse(content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = 'attachment; filename="empreintes-journal-audit.csv"'
    reponse["Link"] = f'<{LICENCE_URL}>; rel="license"'
    ecrivain = csv.writer(reponse)
    ecrivain.writerow(["jour", "empreinte", "nombre_evenements"])
    for jour, empreinte, nombre in _empreintes():
        ecrivain.writerow([neutraliser_csv(v) for v in (jour.isoformat(), empreinte, nombre)])
    return reponse
