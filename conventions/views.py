# SPDX-License-Identifier: EUPL-1.2
"""Front office: the beneficiary sees its conventions, downloads them, uploads the signed copy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from conventions import gardes, signature
from conventions.forms import CopieSigneeForm
from conventions.models import Convention, DocumentConvention
from core.workflow import TransitionRefusee


@login_required
def mes_conventions(request: HttpRequest) -> HttpResponse:
    conventions = Convention.objects.visibles_par(request.user).order_by(
        "candidature__territoire__nom", "-cree_le"
    )
    return render(request, "conventions/mes_conventions.html", {"conventions": conventions})


def _detail(request, convention, form=None) -> HttpResponse:
    peut_signer = (
        convention.etat == Convention.Etat.ENVOYEE
        and gardes.peut_signer_pour_beneficiaire(convention, request.user) is None
    )
    contexte = {
        "convention": convention,
        "documents": convention.documents_affiches(),
        "peut_signer": peut_signer,
        "raison_signature": gardes.peut_signer_pour_beneficiaire(convention, request.user),
        "form": form or CopieSigneeForm(initial={"etat_attendu": convention.etat}),
    }
    return render(request, "conventions/detail.html", contexte)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    convention = get_object_or_404(Convention.objects.visibles_par(request.user), pk=pk)
    return _detail(request, convention)


@login_required
def telecharger(request: HttpRequest, pk: int, document: int) -> HttpResponse:
    convention = get_object_or_404(Convention.objects.visibles_par(request.user), pk=pk)
    piece = get_object_or_404(DocumentConvention, pk=document, convention=convention)
    return FileResponse(
        piece.fichier.open("rb"),
        as_attachment=True,
        filename=piece.nom_telechargement,
        content_type="application/pdf",
    )


@login_required
@require_POST
def deposer_signee(request: HttpRequest, pk: int) -> HttpResponse:
    convention = get_object_or_404(Convention.objects.visibles_par(request.user), pk=pk)
    form = CopieSigneeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, convention, form)
    try:
        signature.deposer_copie_signee(
            convention=convention,
            fichier=form.cleaned_data["fichier"],
            par=request.user,
            etat_attendu=form.cleaned_data["etat_attendu"],
        )
    except TransitionRefusee as refus:
        form.add_error("fichier", " ".join(refus.raisons))
        return _detail(request, convention, form)
    messages.success(
        request,
        "Merci : la convention signée est déposée. La Métropole va la contresigner ; vous serez "
        "prévenu de son entrée en vigueur.",
    )
    return redirect("conventions:detail", pk=convention.pk)
