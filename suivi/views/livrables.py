# SPDX-License-Identifier: EUPL-1.2
"""Front office of the beneficiaries: their deliverables (art. 7, 8) and communication kit (art. 9)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.roles import est_agent_metropole
from core.uploads import nom_sain
from core.workflow import TransitionRefusee, appliquer, raisons_blocage
from suivi import gardes
from suivi.forms import formulaire_pour
from suivi.livrables import candidatures_selectionnees
from suivi.models import Livrable
from tracks.models import DocumentParcours, Parcours

MENTION = "Un projet du programme ApproprIAtion de la Métropole du Grand Paris"
COMPTE_SOCIAL = "@Metropole_GrandParis"


def _livrable(request: HttpRequest, pk: int) -> Livrable:
    """The deliverable if the user may see it; another territoire's is a 404."""
    return get_object_or_404(Livrable.objects.visibles_par(request.user), pk=pk)


@login_required
def mes_livrables(request: HttpRequest) -> HttpResponse:
    livrables = list(
        Livrable.objects.visibles_par(request.user)
        .filter(territoire__in=request.user.territoires_approuves())
        .order_by("parcours__titre", "territoire__nom_tri", "echeance")
    )
    parcours_ids = {livrable.parcours_id for livrable in livrables}
    kits = set(
        DocumentParcours.objects.filter(
            parcours_id__in=parcours_ids, nature=DocumentParcours.Nature.KIT_COMMUNICATION
        ).values_list("parcours_id", flat=True)
    )
    groupes: dict = {}
    for livrable in livrables:
        groupes.setdefault(livrable.parcours, []).append(livrable)
    return render(
        request,
        "suivi/mes_livrables.html",
        {
            "groupes": [
                {"parcours": p, "livrables": ls, "kit": p.pk in kits} for p, ls in groupes.items()
            ],
            "mention": MENTION,
            "compte_social": COMPTE_SOCIAL,
        },
    )


@login_required
def livrable(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the deliverable; its agents fill it in while it is owed (saved as a draft)."""
    objet = _livrable(request, pk)
    peut_modifier = objet.modifiable and request.user.peut_agir_pour(objet.territoire)
    form = formulaire_pour(objet) if peut_modifier else None
    if request.method == "POST":
        if not peut_modifier:
            messages.error(request, "Ce livrable n'est plus modifiable.")
            return redirect("suivi:livrable", pk=objet.pk)
        refus = gardes.parcours_pas_clos(objet)
        if refus:
            messages.error(request, refus)
            return redirect("suivi:livrable", pk=objet.pk)
        form = formulaire_pour(objet, request.POST, request.FILES)
        if form.is_valid():
            form.save()
            if "fichier" in request.FILES:
                Livrable.objects.filter(pk=objet.pk).update(
                    nom_fichier=nom_sain(request.FILES["fichier"].name)
                )
            elif form.cleaned_data.get("fichier") is False:  # "Effacer" was ticked
                Livrable.objects.filter(pk=objet.pk).update(nom_fichier="")
            messages.success(request, "Le brouillon du livrable est enregistré.")
            return redirect("suivi:livrable", pk=objet.pk)
    return render(
        request,
        "suivi/livrable.html",
        {
            "livrable": objet,
            "form": form,
            "valeurs": objet.valeurs.select_related("indicateur"),
            "raisons_remise": raisons_blocage(objet, "remettre", request.user)
            if peut_modifier
            else [],
            "peut_modifier": peut_modifier,
            "mention": MENTION,
            "compte_social": COMPTE_SOCIAL,
        },
    )


@login_required
@require_POST
def remettre(request: HttpRequest, pk: int) -> HttpResponse:
    objet = _livrable(request, pk)
    try:
        appliquer(objet, "remettre", par=request.user, etat_attendu=request.POST.get("etat"))
    except TransitionRefusee as refus:
        for raison in refus.raisons:
            messages.error(request, raison)
        return redirect("suivi:livrable", pk=objet.pk)
    messages.success(request, "Le livrable est remis à l'équipe du programme. Merci !")
    return redirect("suivi:livrable", pk=objet.pk)


@login_required
def fichier(request: HttpRequest, pk: int) -> FileResponse:
    objet = _livrable(request, pk)
    if not objet.fichier:
        raise Http404("Aucun fichier.")
    extension = objet.fichier.name.rsplit(".", 1)[-1]
    nom = f"{objet.parcours.slug}-{objet.territoire.code}-{objet.nature}.{extension}"
    return FileResponse(objet.fichier.open("rb"), as_attachment=True, filename=nom)


@login_required
def kit(request: HttpRequest, slug: str) -> FileResponse:
    """The track's communication kit (art. 9), for its beneficiaries and staff only."""
    parcours = get_object_or_404(Parcours.objects.visibles(), slug=slug)
    siens = set(request.user.territoires_approuves().values_list("pk", flat=True))
    beneficiaire = any(c.territoire_id in siens for c in candidatures_selectionnees(parcours))
    if not (beneficiaire or est_agent_metropole(request.user)):
        raise Http404("Kit introuvable.")
    document = get_object_or_404(
        DocumentParcours, parcours=parcours, nature=DocumentParcours.Nature.KIT_COMMUNICATION
    )
    extension = document.fichier.name.rsplit(".", 1)[-1]
    return FileResponse(
        document.fichier.open("rb"),
        as_attachment=True,
        filename=f"{parcours.slug}-kit-de-communication.{extension}",
    )
