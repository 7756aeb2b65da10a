# SPDX-License-Identifier: EUPL-1.2
"""Front office of the tracks: the public catalogue, a track's page, theme suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.roles import est_agent_metropole
from core import cache_public
from core.acces import sans_second_facteur
from suivi.resultats import resultats_publics
from tracks import chronologie, echeances
from tracks.criteres import QUESTIONS, Critere
from tracks.forms import SuggestionThemeForm
from tracks.gardes import ETAT_CANDIDATURE_SELECTIONNEE
from tracks.models import DocumentParcours, Parcours, SuggestionTheme


@sans_second_facteur
@cache_public.page_publique
def catalogue(request: HttpRequest) -> HttpResponse:
    """Open tracks first (nearest deadline first), then tracks in progress, then past ones."""
    maintenant = timezone.now()
    ouverts, en_cours, passes = [], [], []
    for parcours in Parcours.objects.pour_catalogue(maintenant):
        [ouverts, en_cours, passes][parcours.rang_catalogue].append(parcours)
    return render(
        request,
        "tracks/catalogue.html",
        {"ouverts": ouverts, "en_cours": en_cours, "passes": passes, "maintenant": maintenant},
    )


@sans_second_facteur
@cache_public.page_publique
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    parcours = get_object_or_404(
        Parcours.objects.visibles().prefetch_related("ponderations", "documents", "jalons"),
        slug=slug,
    )
    ordre = {critere: rang for rang, critere in enumerate(Critere.values)}  # art. 5.2 order
    ponderations = [
        {"ponderation": p, "question": QUESTIONS.get(p.critere, "")}
        for p in sorted(parcours.ponderations.all(), key=lambda p: ordre[p.critere])
    ]
    contexte = {
        "parcours": parcours,
        "ponderations": ponderations,
        "documents": [d for d in parcours.documents.all() if d.est_public],
        "etapes": chronologie.etapes(parcours, chronologie.transitions_du_parcours(parcours)),
        "ouvert": parcours.candidatures_ouvertes(),
        "reports": echeances.reports(parcours),
        "peut_candidater": (
            request.user.is_authenticated and request.user.territoires_approuves().exists()
        ),
        "laureats": territoires_selectionnes(parcours),
        "resultats": resultats_publics(parcours),
    }
    return render(request, "tracks/detail.html", contexte)


def territoires_selectionnes(parcours: Parcours) -> list:
    """Once the Bureau decided (step 3 reached), the selected territoires, by name."""
    if parcours.rang_etape < 3 or not hasattr(parcours, "candidatures"):
        return []
    candidatures = parcours.candidatures.filter(etat=ETAT_CANDIDATURE_SELECTIONNEE)
    return sorted(
        (c.territoire for c in candidatures.select_related("territoire")), key=lambda t: t.nom_tri
    )


def telecharger_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A track's public document (once published); staff may fetch any document."""
    document = get_object_or_404(
        DocumentParcours.objects.select_related("parcours"), pk=pk, parcours__slug=slug
    )
    if not (document.est_public or est_agent_metropole(request.user)):
        raise Http404("Document introuvable.")
    extension = document.fichier.name.rsplit(".", 1)[-1]
    nom = f"{document.parcours.slug}-{document.nature}.{extension}"
    return FileResponse(document.fichier.open("rb"), as_attachment=True, filename=nom)


@login_required
def suggerer_theme(request: HttpRequest) -> HttpResponse:
    """An agent of an approved membership suggests a theme for a future track (art. 2)."""
    territoires = request.user.territoires_approuves().order_by("nom_tri")
    if not territoires.exists():
        messages.error(
            request,
            "Pour suggérer un thème, votre rattachement à une commune ou à un EPT doit d'abord "
            "être validé.",
        )
        return redirect("core:tableau_de_bord")
    form = SuggestionThemeForm(request.POST or None, territoires=territoires)
    if request.method == "POST" and form.is_valid():
        suggestion = form.save(commit=False)
        suggestion.auteur = request.user
        suggestion.save()
        messages.success(
            request,
            "Merci : votre suggestion est enregistrée. L'équipe de la Métropole vous répondra ici.",
        )
        return redirect("tracks:mes_suggestions")
    return render(request, "tracks/suggerer_theme.html", {"form": form})


@login_required
def mes_suggestions(request: HttpRequest) -> HttpResponse:
    suggestions = SuggestionTheme.objects.de(request.user)
    return render(request, "tracks/mes_suggestions.html", {"suggestions": suggestions})
