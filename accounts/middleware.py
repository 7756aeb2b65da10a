# SPDX-License-Identifier: EUPL-1.2
"""The two-factor gate of the back office (COMPLIANCE 17)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect

from accounts.deux_facteurs import a_un_second_facteur, exige_second_facteur


class SecondFactorRequiredMiddleware:
    """Send a back-office user without a verified second factor to enrolment or verification.

    Placed right after ``django_otp.middleware.OTPMiddleware`` (which sets
    ``user.is_verified()``). Only back-office URLs are guarded: the path prefixes of
    ``settings.SECOND_FACTEUR_CHEMINS`` (the admin…) and views decorated with
    ``accounts.deux_facteurs.back_office``; front-office pages stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.chemins = tuple(getattr(settings, "SECOND_FACTEUR_CHEMINS", ("/admin/",)))

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        protegee = request.path.startswith(self.chemins) or getattr(
            view_func, "second_facteur_requis", False
        )
        user = request.user
        if not protegee or not user.is_authenticated or user.is_verified():
            return None
        if not exige_second_facteur(user):
            return None
        cible = (
            "accounts:second_facteur"
            if a_un_second_facteur(user)
            else "accounts:second_facteur_activer"
        )
        from django.urls import reverse

        return redirect(f"{reverse(cible)}?{urlencode({'next': request.get_full_path()})}")
