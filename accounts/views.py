# SPDX-License-Identifier: EUPL-1.2
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import adhesions, sessions
from accounts.decorators import sans_second_facteur
from accounts.forms import DecisionAdhesionForm, InscriptionForm
from accounts.models import Adhesion
from audit.journal import adresse_ip


@sans_second_facteur
def inscription(request):
    if request.user.is_authenticated:
        return redirect("core:tableau_de_bord")
    form = InscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        donnees = form.cleaned_data
        adhesion = adhesions.inscrire(
            nom_complet=donnees["nom_complet"],
            email=donnees["email"],
            fonction=donnees["fonction"],
            password=donnees["password1"],
            territoire=donnees["territoire"],
            role=donnees["role"],
        )
        login(request, adhesion.utilisateur, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            f"Votre compte est créé. Votre demande d'adhésion à {adhesion.territoire} attend la "
            "validation de son représentant légal ou de la Métropole ; vous serez prévenu par "
            "courriel.",
        )
        return redirect("core:tableau_de_bord")
    return render(request, "accounts/inscription.html", {"form": form})


@login_required
def adhesions_a_valider(request):
    demandes = Adhesion.objects.a_valider_par(request.user).select_related(
        "utilisateur", "territoire"
    )
    return render(
        request,
        "accounts/adhesions_a_valider.html",
        {"demandes": demandes, "form": DecisionAdhesionForm()},
    )


def _decider(request, pk: int, *, approuver: bool):
    adhesion = get_object_or_404(Adhesion.objects.a_valider_par(request.user), pk=pk)
    form = DecisionAdhesionForm(request.POST)
    form.is_valid()
    try:
        adhesions.decider(
            adhesion=adhesion,
            par=request.user,
            approuver=approuver,
            motif=form.cleaned_data.get("motif_refus", ""),
            adresse_ip=adresse_ip(request),
        )
    except adhesions.DecisionImpossible as erreur:
        messages.error(request, str(erreur))
    else:
        verbe = "validée" if approuver else "refusée"
        messages.success(request, f"L'adhésion de {adhesion.utilisateur} est {verbe}.")
    return redirect("accounts:adhesions_a_valider")


@login_required
@require_POST
def approuver_adhesion(request, pk: int):
    return _decider(request, pk, approuver=True)


@login_required
@require_POST
def refuser_adhesion(request, pk: int):
    return _decider(request, pk, approuver=False)


@sans_second_facteur
@login_required
@require_POST
def prolonger_session(request):
    """Called by the expiry warning: renews the session now, whatever the last renewal."""
    sessions.renouveler(request.session)
    return HttpResponse(status=204)
