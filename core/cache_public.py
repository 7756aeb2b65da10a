# SPDX-License-Identifier: EUPL-1.2
"""Public pages and open-data files kept in the cache between two changes of their data.

An open-data export is the same for everyone and costs a few hundred milliseconds of Python
for a few thousand rows; a public page is the same for every anonymous visitor. The data
behind them changes a few times a day. Every save or delete of a model of the published
apps bumps a *generation* number; the cache key carries it, so the first request after a
change rebuilds the file or the page, and no visitor is served data older than the last
recorded change. A timeout bounds what a change made outside the ORM's signals (a queryset
``update``, a restored backup, a change made while Redis was unreachable) could leave
behind. If the cache is unreachable, files and pages are built on every request and saves
go on: a cache outage never fails a page or a decision.

Drafts are not published, so saving a draft application or its attachments does not bump
the generation (agents save drafts all day long).
"""

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

APPS_PUBLIEES = frozenset(
    {"tracks", "candidatures", "comite", "conventions", "suivi", "territoires"}
)
MODELES_PRIVES = frozenset({("candidatures", "piecejointe"), ("candidatures", "compteuraccuse")})
CLE_GENERATION = "opendata:generation"
DUREE = 600  # seconds, open-data files
DUREE_PAGES = 60  # seconds, pages: they also show the time (open or closed for applications)


def generation() -> int:
    valeur = cache.get(CLE_GENERATION)
    if valeur is None:
        cache.add(CLE_GENERATION, 1, timeout=None)
        valeur = cache.get(CLE_GENERATION, 1)
    return valeur


def invalider() -> None:
    """Every cached file is stale from now on (they are rebuilt on the next request)."""
    try:
        cache.incr(CLE_GENERATION)
    except ValueError:  # no generation yet (cache flushed): nothing cached under it either
        cache.add(CLE_GENERATION, 1, timeout=None)
    except Exception:  # cache unreachable: the save must go on; DUREE bounds staleness
        logger.warning("Cache injoignable : données ouvertes non invalidées", exc_info=True)


def _publie(sender, instance) -> bool:
    meta = sender._meta
    if meta.app_label not in APPS_PUBLIEES or (meta.app_label, meta.model_name) in MODELES_PRIVES:
        return False
    return not (meta.label == "candidatures.Candidature" and instance.etat == "brouillon")


def _apres_changement(sender, instance=None, **kwargs) -> None:
    if instance is not None and _publie(sender, instance):
        # Now, and again after commit: a reader between the two would cache the old rows
        # under the new generation.
        invalider()
        transaction.on_commit(invalider)


def connecter() -> None:
    post_save.connect(_apres_changement, dispatch_uid="core.cache_public.save")
    post_delete.connect(_apres_changement, dispatch_uid="core.cache_public.delete")
    m2m_changed.connect(_apres_changement, dispatch_uid="core.cache_public.m2m")


def en_cache(cle: str, fabriquer: Callable[[], bytes | str]) -> bytes | str:
    """The content stored under ``cle`` for the current generation, made once if missing."""
    try:
        # Hashed: the key carries the visitor's filters, of any length and characters.
        complete = f"opendata:{generation()}:{hashlib.sha256(cle.encode()).hexdigest()}"
        contenu = cache.get(complete)
    except Exception:  # cache unreachable: serve a fresh file
        logger.warning("Cache injoignable : fichier de données ouvertes recalculé", exc_info=True)
        return fabriquer()
    if contenu is None:
        contenu = fabriquer()
        try:
            cache.set(complete, contenu, timeout=DUREE)
        except Exception:
            logger.warning("Cache injoignable : fichier non conservé", exc_info=True)
    return contenu


def _servi_a_tous(request: HttpRequest) -> bool:
    """An anonymous visitor with nothing personal pending (no session, no flash message)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _conservable(request: HttpRequest, reponse: HttpResponse) -> bool:
    """Nothing personal in it: no cookie set, no CSRF token printed in a form."""
    return (
        reponse.status_code == 200
        and not reponse.streaming
        and not reponse.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def page_publique(vue: Callable) -> Callable:
    """The anonymous visitors' copy of a public page, kept until its data changes.

    Signed-in users always get their own page (it names them and shows their actions).
    """

    @wraps(vue)
    def enveloppe(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _servi_a_tous(request):
            return vue(request, *args, **kwargs)
        try:
            cle = f"page:{generation()}:{request.get_host()}{request.get_full_path()}"
            gardee = cache.get(cle)
        except Exception:
            logger.warning("Cache injoignable : page publique recalculée", exc_info=True)
            return vue(request, *args, **kwargs)
        if gardee is not None:
            contenu, type_contenu = gardee
            return HttpResponse(contenu, content_type=type_contenu)
        reponse = vue(request, *args, **kwargs)
        if hasattr(reponse, "render"):
            reponse.render()
        if _conservable(request, reponse):
            try:
                cache.set(cle, (reponse.content, reponse["Content-Type"]), timeout=DUREE_PAGES)
            except Exception:
                logger.warning("Cache injoignable : page non conservée", exc_info=True)
        return reponse

    return enveloppe
