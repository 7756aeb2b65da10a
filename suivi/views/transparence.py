# SPDX-License-Identifier: EUPL-1.2
"""Public transparency pages: open data downloads and the register of AI experimentations."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core import cache_public
from core.acces import sans_second_facteur
from core.liens import url_absolue
from suivi import opendata
from suivi.forms import RechercheRegistreForm
from suivi.models import FicheRegistreIA

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _lien_licence() -> str:
    return f'<{opendata.LICENCE["url"]}>; rel="license"; title="{opendata.LICENCE["identifiant"]}"'


@sans_second_facteur
@cache_public.page_publique
def donnees_ouvertes(request: HttpRequest) -> HttpResponse:
    jeux = [
        {
            "nom": jeu,
            "titre": opendata.schema(jeu)["title"],
            "description": opendata.schema(jeu)["description"],
            "filtres": list(acceptes),
            "colonnes": opendata.schema(jeu)["fields"],
        }
        for jeu, (_, acceptes) in opendata.JEUX.items()
    ]
    return render(
        request, "suivi/donnees_ouvertes.html", {"jeux": jeux, "licence": opendata.LICENCE}
    )


@sans_second_facteur
def telecharger(request: HttpRequest, jeu: str, format: str) -> HttpResponse:
    """``/suivi/donnees/<jeu>.csv|.json``; an unknown filter is a 400 with a clear message.

    The file is kept in the cache until the next change of the data (``core.cache_public``).
    """
    if jeu not in opendata.JEUX or format not in FORMATS:
        raise Http404("Jeu de données inconnu.")
    try:
        filtres = opendata.verifier_filtres(jeu, dict(request.GET.lists()))
    except opendata.FiltreInconnu as erreur:
        reponse = HttpResponse(str(erreur), status=400, content_type="text/plain; charset=utf-8")
        return reponse
    # The published address (SITE_URL), not the Host header of whoever asked first.
    url_schema = url_absolue(reverse("suivi:schema", args=[jeu]))

    def fabriquer() -> str:
        lignes = opendata.donnees(jeu, filtres)
        if format == "csv":
            return opendata.en_csv(jeu, lignes)
        return opendata.en_json(jeu, lignes, url_schema=url_schema, filtres=filtres)

    cle = f"{jeu}.{format}?{sorted(filtres.items())}@{url_schema}"
    reponse = HttpResponse(cache_public.en_cache(cle, fabriquer), content_type=FORMATS[format])
    reponse["Link"] = _lien_licence()
    if format == "csv":
        reponse["Content-Disposition"] = f'attachment; filename="appropriation-{jeu}.csv"'
        paquet = request.build_absolute_uri(reverse("suivi:datapackage"))
        reponse["Link"] += f', <{paquet}>; rel="describedby"; type="application/json"'
    reponse["Access-Control-Allow-Origin"] = "*"
    return reponse


@sans_second_facteur
def paquet_de_donnees(request: HttpRequest) -> JsonResponse:
    """``datapackage.json``: the licence and Table Schema of every CSV file, in one place."""
    paquet = opendata.paquet_de_donnees(
        url_csv=lambda jeu: request.build_absolute_uri(
            reverse("suivi:telecharger", args=[jeu, "csv"])
        )
    )
    reponse = JsonResponse(paquet, json_dumps_params={"ensure_ascii": False, "indent": 1})
    reponse["Link"] = _lien_licence()
    return reponse


@sans_second_facteur
def schema(request: HttpRequest, jeu: str) -> JsonResponse:
    if jeu not in opendata.JEUX:
        raise Http404("Jeu de données inconnu.")
    reponse = JsonResponse(opendata.schema(jeu), json_dumps_params={"ensure_ascii": False})
    reponse["Link"] = _lien_licence()
    return reponse


@sans_second_facteur
@cache_public.page_publique
def registre(request: HttpRequest) -> HttpResponse:
    """The public register of AI experimentations, searchable with a GET form."""
    form = RechercheRegistreForm(request.GET or None)
    fiches = FicheRegistreIA.objects.publiques()
    if form.is_valid():
        fiches = fiches.recherche(q=form.cleaned_data["q"], risque=form.cleaned_data["risque"])
    parametres = request.GET.urlencode()
    return render(
        request,
        "suivi/registre.html",
        {
            "form": form,
            "fiches": list(fiches),
            "parametres": parametres,
            "licence": opendata.LICENCE,
        },
    )


@sans_second_facteur
@cache_public.page_publique
def fiche_registre(request: HttpRequest, slug: str) -> HttpResponse:
    fiche = get_object_or_404(FicheRegistreIA.objects.publiques(), parcours__slug=slug)
    return render(request, "suivi/fiche_registre.html", {"fiche": fiche})
