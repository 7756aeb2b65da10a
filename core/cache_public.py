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

A page also changes with time alone: at a track's deadline its applications close, whether
or not the periodic task has moved the track yet. The page key therefore also carries how
many published deadlines have passed (:func:`periode`): the first request at a deadline,
to the second, builds a new page, and no copy saying "encore 1 minute" outlives it.
"""

import bisect
import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

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


# The deadlines after which a public page reads differently, registered by the apps that own
# them (tracks, in its AppConfig.ready): core does not import the apps above it.
_SOURCES_ECHEANCES: list[Callable[[], Iterable[dt.datetime]]] = []


def enregistrer_echeances(source: Callable[[], Iterable[dt.datetime]]) -> None:
    """Register a function returning the deadlines that change what public pages say."""
    if source not in _SOURCES_ECHEANCES:
        _SOURCES_ECHEANCES.append(source)


def _echeances() -> list[float]:
    """The registered deadlines (timestamps, sorted), read once per generation of the data."""
    cle = f"echeances:{generation()}"
    valeurs = cache.get(cle)
    if valeurs is None:
        valeurs = sorted(
            {moment.timestamp() for source in _SOURCES_ECHEANCES for moment in source() if moment}
        )
        cache.set(cle, valeurs, timeout=DUREE_PAGES)
    return valeurs


def periode(maintenant: dt.datetime | None = None) -> int:
    """How many registered deadlines have passed: it changes at each deadline, to the second.

    A deadline equal to ``maintenant`` has passed (the deadline itself is too late to apply).
    """
    maintenant = maintenant or timezone.now()
    return bisect.bisect_right(_echeances(), maintenant.timestamp())


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
            cle = f"page:{generation()}:{periode()}:{request.get_host()}{request.get_full_path()}"
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
