# SPDX-License-Identifier: EUPL-1.2
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import adhesions, sessions, tasks
from accounts.forms import DecisionAdhesionForm, InscriptionForm
from accounts.models import Adhesion
from audit.journal import adresse_ip
from core import limites
from core.acces import sans_second_facteur


@sans_second_facteur
def inscription(request):
    """Sign-up; the answer is the same whether the address already had an account."""
    if request.user.is_authenticated:
        return redirect("core:tableau_de_bord")
    form = InscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        donnees = form.cleaned_data
        if limites.depasse(request, formulaire="inscription", adresse=donnees["email"]):
            form.add_error(None, limites.MESSAGE_LIMITE)
            return render(request, "accounts/inscription.html", {"form": form}, status=429)
        adhesions.demander_inscription(
            nom_complet=donnees["nom_complet"],
            email=donnees["email"],
            fonction=donnees["fonction"],
            password=donnees["password1"],
            territoire=donnees["territoire"],
            role=donnees["role"],
        )
        messages.success(request, MESSAGE_INSCRIPTION.format(territoire=donnees["territoire"]))
        return redirect("accounts:login")
    return render(request, "accounts/inscription.html", {"form": form})


# Said to every sign-up, new address or not: the e-mail tells each case what follows.
MESSAGE_INSCRIPTION = (
    "Votre demande est enregistrée. Un courriel vous a été envoyé à l'adresse indiquée : "
    "connectez-vous ensuite avec cette adresse et votre mot de passe. Votre demande "
    "d'adhésion à {territoire} sera examinée par son représentant légal ou par la Métropole ; "
    "vous serez prévenu par courriel."
)


def mot_de_passe_oublie(request):
    """Ask for a reset link: the same answer, at the same speed, whether the account exists.

    Nothing is looked up here: the address goes to a task after the response
    (:mod:`accounts.reinitialisation`).
    """
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if limites.depasse(request, formulaire="mot_de_passe_oublie", adresse=email):
            form.add_error(None, limites.MESSAGE_LIMITE)
            return render(request, "accounts/mot_de_passe_oublie.html", {"form": form}, status=429)
        transaction.on_commit(partial(tasks.envoyer_reinitialisation.delay, email), robust=True)
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/mot_de_passe_oublie.html", {"form": form})


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
