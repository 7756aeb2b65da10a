# SPDX-License-Identifier: EUPL-1.2
"""Enrolment and verification of the second factor required by the back office."""

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import deux_facteurs
from audit.journal import adresse_ip, enregistrer
from audit.models import Evenement
from core.acces import sans_second_facteur

SESSION_CODES = "codes_secours_a_afficher"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code de vérification",
        max_length=20,
        help_text="Les 6 chiffres affichés par votre application, ou l'un de vos codes de secours.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


def _suivante(request) -> str:
    cible = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        cible, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return cible
    return reverse("admin:index")


@sans_second_facteur
@never_cache
@login_required
def verifier(request):
    """Ask for a TOTP or backup code; a user without any device is sent to enrolment."""
    if not deux_facteurs.a_un_second_facteur(request.user):
        return redirect(f"{reverse('accounts:second_facteur_activer')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].replace(" ", "").lower()
        appareil = django_otp.match_token(request.user, code)
        if appareil is not None:
            django_otp.login(request, appareil)
            return redirect(_suivante(request))
        enregistrer(
            action=Evenement.Action.ECHEC_CONNEXION,
            acteur=request.user,
            commentaire="Code de second facteur refusé",
            adresse_ip=adresse_ip(request),
        )
        form.add_error(
            "code",
            "Ce code n'est pas valide ou a expiré. Saisissez le code affiché en ce moment par "
            "votre application, ou un code de secours non encore utilisé.",
        )
    return render(
        request, "accounts/second_facteur/verifier.html", {"form": form, "next": _suivante(request)}
    )


@sans_second_facteur
@never_cache
@login_required
def activer(request):
    """Enrol an authenticator app: QR code and secret, then a code proves it works.

    A user who already has a device must first verify it: someone knowing only the password
    must not be able to add their own authenticator.
    """
    if deux_facteurs.a_un_second_facteur(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('accounts:second_facteur')}?{request.GET.urlencode()}")
    appareil = deux_facteurs.totp_en_cours(request.user)
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = "Les 6 chiffres affichés par votre application."
    if request.method == "POST" and form.is_valid():
        if deux_facteurs.confirmer_totp(appareil, form.cleaned_data["code"]):
            django_otp.login(request, appareil)
            _, codes = deux_facteurs.regenerer_codes_secours(request.user)
            request.session[SESSION_CODES] = codes
            messages.success(request, "Votre application d'authentification est activée.")
            return redirect(f"{reverse('accounts:codes_secours')}?next={_suivante(request)}")
        form.add_error(
            "code",
            "Ce code ne correspond pas. Vérifiez l'heure de votre téléphone et saisissez le code "
            "affiché en ce moment.",
        )
    return render(
        request,
        "accounts/second_facteur/activer.html",
        {
            "form": form,
            "qr_code": deux_facteurs.qr_code_svg(appareil),
            "secret": deux_facteurs.secret_base32(appareil),
            "next": _suivante(request),
        },
    )


@sans_second_facteur
@never_cache
@login_required
def codes_secours(request):
    """Show the new backup codes once (they are hashed nowhere else to be read again)."""
    if not request.user.is_verified():
        return redirect(f"{reverse('accounts:second_facteur')}?next={request.path}")
    codes = request.session.pop(SESSION_CODES, None)
    return render(
        request,
        "accounts/second_facteur/codes_secours.html",
        {"codes": codes, "next": _suivante(request)},
    )


@sans_second_facteur
@login_required
@require_POST
def regenerer_codes_secours(request):
    if not request.user.is_verified():
        return redirect(
            f"{reverse('accounts:second_facteur')}?next={reverse('accounts:codes_secours')}"
        )
    _, codes = deux_facteurs.regenerer_codes_secours(request.user)
    request.session[SESSION_CODES] = codes
    messages.success(
        request, "De nouveaux codes de secours ont été créés ; les anciens ne valent plus."
    )
    return redirect("accounts:codes_secours")
