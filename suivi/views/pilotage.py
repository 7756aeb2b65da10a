# SPDX-License-Identifier: EUPL-1.2
"""Staff follow-up of the deliverables: prepare them, validate, ask for changes, waive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.roles import est_agent_metropole
from core.workflow import TransitionRefusee, appliquer, transitions_possibles
from notifications.outbox import notifier
from suivi.forms import CommentaireForm
from suivi.livrables import preparer_livrables
from suivi.models import Livrable
from tracks.models import Parcours

TRANSITIONS_STAFF = ("valider", "demander_modifications", "dispenser")
ETATS_PHASE2 = ["experimentation", "arrete", "bilan", "clos"]


def _staff(request: HttpRequest) -> None:
    if not est_agent_metropole(request.user):
        raise PermissionDenied


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Staff: the tracks from phase 2 on, with their deliverables owed, late and received."""
    from django.db.models import Count, Q
    from django.utils import timezone

    _staff(request)
    aujourdhui = timezone.localdate()
    parcours = (
        Parcours.objects.filter(etat__in=["prestataire", *ETATS_PHASE2])
        .annotate(
            nb_livrables=Count("livrables"),
            nb_attendus=Count("livrables", filter=Q(livrables__etat__in=Livrable.ETATS_ATTENDUS)),
            nb_en_retard=Count(
                "livrables",
                filter=Q(
                    livrables__etat__in=Livrable.ETATS_ATTENDUS,
                    livrables__echeance__lt=aujourdhui,
                ),
            ),
            nb_a_relire=Count("livrables", filter=Q(livrables__etat=Livrable.Etat.REMIS)),
        )
        .order_by("titre")
    )
    return render(request, "suivi/pilotage_index.html", {"parcours": parcours})


@login_required
def suivi_parcours(request: HttpRequest, slug: str) -> HttpResponse:
    _staff(request)
    parcours = get_object_or_404(Parcours, slug=slug)
    livrables = list(
        Livrable.objects.visibles_par(request.user)
        .filter(parcours=parcours)
        .order_by("territoire__nom_tri", "echeance")
    )
    lignes = [
        {
            "livrable": livrable,
            "actions": [
                t
                for t in transitions_possibles(livrable, "etat", request.user)
                if t["nom"] in TRANSITIONS_STAFF
            ],
        }
        for livrable in livrables
    ]
    return render(
        request,
        "suivi/pilotage_parcours.html",
        {"parcours": parcours, "lignes": lignes, "form": CommentaireForm()},
    )


@login_required
@require_POST
def preparer(request: HttpRequest, slug: str) -> HttpResponse:
    _staff(request)
    parcours = get_object_or_404(Parcours, slug=slug)
    crees = preparer_livrables(parcours)
    if crees:
        messages.success(request, f"{crees} livrable(s) créé(s) pour les bénéficiaires.")
    else:
        messages.info(request, "Les livrables étaient déjà prêts ; les échéances sont à jour.")
    return redirect("suivi:pilotage_parcours", slug=slug)


def _prevenir_beneficiaire(livrable: Livrable) -> None:
    from accounts.models import Adhesion

    for adhesion in (
        Adhesion.objects.approuvees()
        .filter(territoire=livrable.territoire, utilisateur__is_active=True)
        .select_related("utilisateur")
    ):
        notifier(
            destinataire=adhesion.utilisateur,
            gabarit="livrable_a_completer",
            objet=livrable,
            contexte={"livrable": livrable},
        )


@login_required
@require_POST
def decider(request: HttpRequest, pk: int, nom: str) -> HttpResponse:
    """Validate, ask for changes or waive one deliverable (one URL per action)."""
    _staff(request)
    if nom not in TRANSITIONS_STAFF:
        raise PermissionDenied
    livrable = get_object_or_404(Livrable.objects.visibles_par(request.user), pk=pk)
    form = CommentaireForm(request.POST)
    form.is_valid()
    try:
        with transaction.atomic():
            livrable = appliquer(
                livrable,
                nom,
                par=request.user,
                etat_attendu=request.POST.get("etat"),
                commentaire=form.cleaned_data.get("commentaire", ""),
            )
            if nom == "demander_modifications":
                _prevenir_beneficiaire(livrable)
    except TransitionRefusee as refus:
        for raison in refus.raisons:
            messages.error(request, raison)
    else:
        messages.success(request, f"{livrable} : {livrable.get_etat_display().lower()}.")
    return redirect("suivi:pilotage_parcours", slug=livrable.parcours.slug)
