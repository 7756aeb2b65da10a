# SPDX-License-Identifier: EUPL-1.2
"""The territorial equity map: public version (territoires only) and staff version."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.roles import est_agent_metropole
from core import cache_public
from core.acces import sans_second_facteur
from suivi import carte
from suivi.participation import participation


def _contexte() -> dict:
    donnees = participation()
    return {
        "donnees": donnees,
        "carte_communes": carte.carte_communes(donnees),
        "carte_epts": carte.carte_epts(donnees),
        "legende": carte.legende(),
    }


@sans_second_facteur
@cache_public.page_publique
def carte_publique(request: HttpRequest) -> HttpResponse:
    """Public: which communes and EPT took part, the population covered; no person named."""
    return render(request, "suivi/equite.html", _contexte())


@login_required
def tableau_de_bord(request: HttpRequest) -> HttpResponse:
    """Staff: the same map, plus the communes with registered agents but no application yet."""
    if not est_agent_metropole(request.user):
        raise PermissionDenied
    from accounts.models import Adhesion

    contexte = _contexte()
    avec_agents = set(
        Adhesion.objects.approuvees().values_list("territoire_id", flat=True).distinct()
    )
    contexte["inscrites_sans_candidature"] = [
        t for t in contexte["donnees"].jamais_touchees if t.pk in avec_agents
    ]
    contexte["staff"] = True
    return render(request, "suivi/equite.html", contexte)


@login_required
def equite_notation(request: HttpRequest) -> HttpResponse:
    """The fairness of scoring panel: the committee's chair and the programme team only."""
    from accounts.roles import PRESIDENT_COMITE
    from suivi.equite_notation import panneau

    if not (est_agent_metropole(request.user) or request.user.a_role(PRESIDENT_COMITE)):
        raise PermissionDenied
    return render(request, "suivi/equite_notation.html", {"panneau": panneau()})
