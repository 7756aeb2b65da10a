# SPDX-License-Identifier: EUPL-1.2
import uuid

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from core.logging import request_id_var


class RequestIdMiddleware:
    """Tags each request with an id, echoed in the logs and the ``X-Request-ID`` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = (
            incoming if 8 <= len(incoming) <= 64 and incoming.isalnum() else uuid.uuid4().hex
        )
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


def _politique_permissions() -> str:
    """``PERMISSIONS_POLICY`` ({feature: [origins]}) written as the header wants it."""
    return ", ".join(
        f"{fonction}=({' '.join(origines)})"
        for fonction, origines in settings.PERMISSIONS_POLICY.items()
    )


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response: no page may use the camera, microphone…

    First in ``MIDDLEWARE`` so that static files answered by WhiteNoise, error pages and the
    admin get it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.valeur = _politique_permissions()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.valeur)
        return response


def _est_un_fichier(request: HttpRequest, response: HttpResponse) -> bool:
    """A PDF or a stored file (attachment, deliverable, convention, minutes…) sent by a view.

    Static files are ``FileResponse`` too, but WhiteNoise answers them before any URL is
    resolved: they keep their long cache.
    """
    if getattr(request, "resolver_match", None) is None:
        return False
    return isinstance(response, FileResponse) or response.get("Content-Type", "").startswith(
        "application/pdf"
    )


def _utilisateur_connecte(request: HttpRequest) -> bool:
    # Without the session cookie nobody is signed in: the user (and the session behind it)
    # is not loaded for an anonymous visitor's public page.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)  # absent when WhiteNoise answered (static files)
    return bool(user is not None and user.is_authenticated)


class PagesPersonnellesNonConserveesMiddleware:
    """``Cache-Control: no-store`` on a signed-in user's pages, on every PDF and stored file.

    A browser's disk cache or a shared proxy must not keep a page naming its user, an
    application's receipt or an attachment (a shared computer in a town hall). Anonymous
    public pages and open-data files keep their own headers (``core.cache_public``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _utilisateur_connecte(request) or _est_un_fichier(request, response):
            # Replaces any "public"/"max-age" a view set for its anonymous visitors.
            del response["Cache-Control"]
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class LimiteCorpsConnexionMiddleware:
    """The login pages refuse a body over ``LIMITE_CORPS_CONNEXION`` bytes before reading it.

    A login form weighs less than a kilobyte; a big body sent there only costs parsing time
    (and would count as a failed login for django-axes). Last in ``MIDDLEWARE``: the answer
    still goes out through every security header, and nothing has read ``request.POST`` yet
    (the CSRF check reads it later, in ``process_view``). ``DATA_UPLOAD_MAX_MEMORY_SIZE``
    stays the limit of every other page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info in _chemins_connexion():
            try:
                longueur = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                longueur = settings.LIMITE_CORPS_CONNEXION + 1
            if longueur > settings.LIMITE_CORPS_CONNEXION:
                return render(request, "core/trop_volumineux.html", status=413)
        return self.get_response(request)


def _chemins_connexion() -> set[str]:
    return {reverse(nom) for nom in settings.CHEMINS_CONNEXION}
