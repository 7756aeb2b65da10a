# SPDX-License-Identifier: EUPL-1.2
"""The two-factor gate of every back-office role (COMPLIANCE 17)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.deux_facteurs import a_un_second_facteur, exige_second_facteur


class SecondFactorRequiredMiddleware:
    """Deny by default: a back-office user without a verified second factor opens no page.

    Placed right after ``django_otp.middleware.OTPMiddleware`` (which sets
    ``user.is_verified()``). Who is asked is decided from the user's roles
    (:func:`accounts.deux_facteurs.exige_second_facteur`), never from the URL: until the second
    factor is given in this session, such a user reaches only the views marked
    :func:`core.acces.sans_second_facteur`; any other view, GET or POST, is never
    called and the user is sent to verification (enrolment when they have no device yet),
    then back to where they were going.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "sans_second_facteur", False):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not exige_second_facteur(user):
            return None
        cible = (
            "accounts:second_facteur"
            if a_un_second_facteur(user)
            else "accounts:second_facteur_activer"
        )
        return redirect(f"{reverse(cible)}?{urlencode({'next': _suite(request)})}")


def _suite(request) -> str:
    """Where to go once verified: the page asked for; for a POST, the page it was sent from.

    A POST is never replayed (its view did not run): the user sends the form again.
    """
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    origine = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(
        origine, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return origine
    return reverse("core:tableau_de_bord")
