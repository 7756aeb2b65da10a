# SPDX-License-Identifier: EUPL-1.2
"""Open-data files kept in the cache between two changes of the data they are made of.

An export is the same for everyone and costs a few hundred milliseconds of Python for a few
thousand rows, while the data behind it changes a few times a day. Every save or delete of a
model of the apps the datasets read bumps a *generation* number; the cache key carries it, so
the first request after a change rebuilds the file and no visitor is ever served data older
than the last recorded change. A timeout bounds what a change made outside the ORM's signals
(a queryset ``update``, a restored backup, a change made while Redis was unreachable) could
leave behind. If the cache is unreachable, files are built on every request and saves go on:
a cache outage never fails a page or a decision.

Drafts are not published, so saving a draft application or its attachments does not bump the
generation (agents save drafts all day long).
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

APPS_PUBLIEES = frozenset(
    {"tracks", "candidatures", "comite", "conventions", "suivi", "territoires"}
)
MODELES_PRIVES = frozenset({("candidatures", "piecejointe"), ("candidatures", "compteuraccuse")})
CLE_GENERATION = "opendata:generation"
DUREE = 600  # seconds


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
    post_save.connect(_apres_changement, dispatch_uid="suivi.cache.save")
    post_delete.connect(_apres_changement, dispatch_uid="suivi.cache.delete")
    m2m_changed.connect(_apres_changement, dispatch_uid="suivi.cache.m2m")


def en_cache(cle: str, fabriquer: Callable[[], bytes | str]) -> bytes | str:
    """The content stored under ``cle`` for the current generation, made once if missing."""
    try:
        complete = f"opendata:{generation()}:{cle}"
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
