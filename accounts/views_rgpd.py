# SPDX-License-Identifier: EUPL-1.2
"""A user's rights on their own data: export and account deletion (RGPD art. 15, 17, 20)."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts import rgpd
from audit.journal import adresse_ip, enregistrer
from audit.models import Evenement
from core.acces import sans_second_facteur


class ConfirmationSuppressionForm(forms.Form):
    password = forms.CharField(
        label="Votre mot de passe, pour confirmer",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.BooleanField(
        label="Je comprends que mon compte sera définitivement anonymisé et que je ne pourrai "
        "plus me connecter."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("Le mot de passe n'est pas le bon.")
        return self.cleaned_data["password"]


@sans_second_facteur
@login_required
def mes_donnees(request):
    return render(request, "accounts/mes_donnees.html")


@never_cache
@login_required
def exporter_mes_donnees(request):
    """The JSON file of one's own data; the export itself is journaled."""
    donnees = rgpd.exporter(request.user)
    enregistrer(
        action=Evenement.Action.DONNEES_PERSONNELLES,
        acteur=request.user,
        objet=request.user,
        commentaire="Export de ses données personnelles",
        adresse_ip=adresse_ip(request),
    )
    reponse = HttpResponse(
        json.dumps(donnees, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    nom = f"mes-donnees-appropriation-{timezone.localdate():%Y-%m-%d}.json"
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    return reponse


@never_cache
@login_required
def supprimer_mon_compte(request):
    """Confirmation page, then anonymisation and log-out."""
    if request.user.is_superuser:
        messages.error(
            request,
            "Un compte d'administrateur ne peut pas être supprimé par lui-même : demandez-le à "
            "un autre administrateur.",
        )
        return redirect("accounts:mes_donnees")
    form = ConfirmationSuppressionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        rgpd.anonymiser(request.user, motif="Suppression du compte à la demande de la personne")
        logout(request)
        messages.success(
            request,
            "Votre compte est supprimé : vos données d'identification ont été anonymisées. Les "
            "dossiers administratifs (candidatures, décisions) sont conservés sans les modifier.",
        )
        return redirect("core:accueil")
    return render(request, "accounts/supprimer_compte.html", {"form": form})
