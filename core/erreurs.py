# SPDX-License-Identifier: EUPL-1.2
"""The error pages: French, in the portal's layout, whatever DEBUG says.

Django renders 400 and 500 without any context (no context processors), and a 500 must not
touch the database that may be the cause of it: these handlers give the templates what the
footer needs from the settings only. 403 and 404 keep Django's handlers (templates
``403.html`` and ``404.html`` with the request's context).
"""

from django.http import HttpRequest, HttpResponse
from django.template import loader

from core.context_processors import portail


def _page(nom: str, statut: int) -> HttpResponse:
    contenu = loader.get_template(nom).render(portail(None))
    return HttpResponse(contenu, status=statut)


def requete_invalide(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: a malformed request (a forged Host header…), answered without the request's data."""
    return _page("400.html", 400)


def erreur_serveur(request: HttpRequest) -> HttpResponse:
    """500: a static page, no query, so it still renders when the database is down."""
    return _page("500.html", 500)
