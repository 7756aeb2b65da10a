# SPDX-License-Identifier: EUPL-1.2
"""The page of the invitation link: the invitee chooses a password and the account opens."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts import comptes
from accounts.deux_facteurs import exige_second_facteur
from audit.journal import adresse_ip


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def accepter_invitation(request, jeton: str):
    """GET: the password form. POST: activate, log in, then enrol the second factor if needed.

    A forged token answers 404, a used or expired one 410: nothing is changed either way.
    """
    invitation = comptes.invitation_du_jeton(jeton)
    if invitation is None:
        return render(request, "accounts/invitation_invalide.html", status=404)
    raison = invitation.raison_invalide()
    if raison:
        return render(request, "accounts/invitation_invalide.html", {"raison": raison}, status=410)
    form = SetPasswordForm(invitation.utilisateur, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = comptes.accepter_invitation(
                invitation=invitation,
                mot_de_passe=form.cleaned_data["new_password1"],
                adresse_ip=adresse_ip(request),
            )
        except comptes.GestionRefusee as refus:  # used meanwhile, in another tab
            return render(
                request, "accounts/invitation_invalide.html", {"raison": str(refus)}, status=410
            )
        if request.user.is_authenticated:
            logout(request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre mot de passe est enregistré : votre compte est actif.")
        if exige_second_facteur(user):
            suite = urlencode({"next": reverse("admin:index")})
            return redirect(f"{reverse('accounts:second_facteur_activer')}?{suite}")
        return redirect("core:tableau_de_bord")
    return render(
        request, "accounts/accepter_invitation.html", {"form": form, "invitation": invitation}
    )
