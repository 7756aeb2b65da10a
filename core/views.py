# SPDX-License-Identifier: EUPL-1.2
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import cache_public, limites, signalements, tableau
from core.acces import sans_second_facteur
from core.forms import SignalementAccessibiliteForm
from core.models import PageEditoriale, SignalementAccessibilite


@sans_second_facteur
@cache_public.page_publique
def accueil(request):
    return render(request, "core/accueil.html")


@login_required
def tableau_de_bord(request):
    """The signed-in user's start page: their territoires, memberships and what awaits them."""
    adhesions = request.user.adhesions.select_related("territoire").order_by("territoire__nom_tri")
    return render(
        request,
        "core/tableau_de_bord.html",
        {"adhesions": adhesions, "rubriques": tableau.rubriques_de(request.user)},
    )


@sans_second_facteur
def accessibilite(request):
    pages = {page.slug.replace("-", "_"): page for page in PageEditoriale.objects.all()}
    return render(request, "core/accessibilite.html", {"pages": pages})


@sans_second_facteur
def page_editoriale(request, slug: str):
    """The schéma pluriannuel or the plan d'actions: text the Métropole edits in the admin."""
    page = get_object_or_404(PageEditoriale, slug=slug)
    return render(request, "core/page_editoriale.html", {"page": page})


@sans_second_facteur
def signaler_accessibilite(request):
    """The complaint channel of the accessibility statement; each report gets a receipt."""
    form = SignalementAccessibiliteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        adresse = form.cleaned_data["email"]
        if limites.depasse(request, formulaire="signalement_accessibilite", adresse=adresse):
            form.add_error(None, limites.MESSAGE_LIMITE)
            return render(request, "core/signaler_accessibilite.html", {"form": form}, status=429)
        signalement = signalements.signaler(**form.cleaned_data, user=request.user)
        request.session["signalement_accessibilite"] = signalement.pk
        return redirect("core:signalement_accessibilite_recu")
    return render(request, "core/signaler_accessibilite.html", {"form": form})


@sans_second_facteur
def signalement_accessibilite_recu(request):
    signalement = get_object_or_404(
        SignalementAccessibilite, pk=request.session.get("signalement_accessibilite") or 0
    )
    return render(request, "core/signalement_recu.html", {"signalement": signalement})


def refus_csrf(request, reason: str = ""):
    """A form refused by the CSRF check, explained in French in the portal's layout.

    ``reason`` (Django's technical reason) stays in the context for the tests and the logs;
    it is not shown to the user.
    """
    return render(request, "core/refus_csrf.html", {"reason": reason}, status=403)


@sans_second_facteur
def mentions_legales(request):
    return render(request, "core/mentions_legales.html")


@sans_second_facteur
def donnees_personnelles(request):
    return render(request, "core/donnees_personnelles.html")


def _etat_du_disque(dossier: Path) -> str:
    """``ok`` when the uploads' folder takes a new file and keeps 500 MB free.

    A read-only or missing folder (a mount lost, a wrong ``MEDIA_ROOT``) refuses every upload:
    the instance is unhealthy then, not only when the disk fills up.
    """
    try:
        dossier.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=dossier, prefix=".sante-"):
            pass
        libre = shutil.disk_usage(dossier).free
    except OSError as exc:
        return f"erreur: {exc.__class__.__name__}"
    return "ok" if libre > 500 * 1024 * 1024 else f"presque plein ({libre // 2**20} Mo)"


@sans_second_facteur
@transaction.non_atomic_requests  # with ATOMIC_REQUESTS, a database down answered 500, not 503
@require_GET
@never_cache
def sante(request):
    """Health check for the load balancer: database, Redis (when configured), disk space.

    Answered over plain HTTP too (``SECURE_REDIRECT_EXEMPT``): a load balancer polls the
    backend's port directly, where an HTTPS redirect would read as "down".
    """
    etat = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        etat["base"] = "ok"
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        etat["base"] = f"erreur: {exc.__class__.__name__}"
    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
            etat["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001
            etat["redis"] = f"erreur: {exc.__class__.__name__}"
    etat["disque"] = _etat_du_disque(Path(settings.MEDIA_ROOT))
    sain = all(valeur == "ok" for valeur in etat.values())
    return JsonResponse(etat, status=200 if sain else 503)
