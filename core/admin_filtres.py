# SPDX-License-Identifier: EUPL-1.2
"""Admin list filters for the tables that grow by the hundred thousand (journal, outbox).

Django's ``date_hierarchy`` lists the years, then the months, that hold rows with a
``SELECT DISTINCT date_trunc(...)`` over the whole table: 65 ms for the journal's 200,000
entries on every display of its list, more than the rest of the page's queries together
(docs/performance.md). :func:`filtre_periode` offers the same drill-down (a year, then one of
its months) from the first and last dates, which the field's index gives at once. A year
or a month without any row may be listed; choosing it shows an empty list, never a wrong one.

The "all values" and "related only" filters read the distinct values of a column over the
whole table (12 ms for the outbox's templates, 10 ms for the journal's actors): their
choices are kept ten minutes in the cache. Only for lists that are the same for every reader
(the journal and the outbox are), since the choices are shared.
"""

import datetime as dt
import logging
from collections.abc import Callable

from django.contrib import admin
from django.core.cache import cache
from django.db.models import Max, Min, QuerySet
from django.utils import formats, timezone

logger = logging.getLogger(__name__)
DUREE_CHOIX = 600  # seconds: a new template or actor appears in the filter within ten minutes

MOIS = "%Y-%m"


def _debut(annee: int, mois: int = 1) -> dt.datetime:
    return timezone.make_aware(dt.datetime(annee, mois, 1))


def _intervalle(valeur: str) -> tuple[dt.datetime, dt.datetime] | None:
    """``"2026"`` or ``"2026-03"`` -> [start, end) in Paris time; None if malformed."""
    try:
        if len(valeur) == 4:
            annee = int(valeur)
            return (_debut(annee), _debut(annee + 1)) if 1 <= annee <= 9998 else None
        jour = dt.datetime.strptime(valeur, MOIS)
    except ValueError:
        return None
    if jour.year > 9998:
        return None
    suivant = _debut(jour.year + 1) if jour.month == 12 else _debut(jour.year, jour.month + 1)
    return _debut(jour.year, jour.month), suivant


def filtre_periode(champ: str, titre: str = "période") -> type[admin.SimpleListFilter]:
    """A "year, then month" filter on the indexed date-time ``champ``, without a table scan."""

    class FiltrePeriode(admin.SimpleListFilter):
        title = titre
        parameter_name = f"{champ}__periode"

        def lookups(self, request, model_admin):
            bornes = model_admin.get_queryset(request).aggregate(
                premier=Min(champ), dernier=Max(champ)
            )
            if bornes["premier"] is None:
                return []
            premier = timezone.localtime(bornes["premier"])
            dernier = timezone.localtime(bornes["dernier"])
            choix = []
            annee_choisie = (self.value() or "")[:4]
            for annee in range(dernier.year, premier.year - 1, -1):
                choix.append((str(annee), str(annee)))
                if str(annee) != annee_choisie:
                    continue
                for mois in range(12, 0, -1):
                    debut = dt.date(annee, mois, 1)
                    if (annee, mois) > (dernier.year, dernier.month) or (annee, mois) < (
                        premier.year,
                        premier.month,
                    ):
                        continue
                    libelle = formats.date_format(debut, "YEAR_MONTH_FORMAT")
                    choix.append((debut.strftime(MOIS), f"— {libelle}"))
            return choix

        def queryset(self, request, queryset: QuerySet) -> QuerySet:
            intervalle = _intervalle(self.value() or "")
            if intervalle is None:
                return queryset
            debut, fin = intervalle
            return queryset.filter(**{f"{champ}__gte": debut, f"{champ}__lt": fin})

    FiltrePeriode.__name__ = f"FiltrePeriode_{champ}"
    return FiltrePeriode


def _choix_en_cache(cle: str, lire: Callable[[], list]) -> list:
    from core.cache_public import generation

    try:
        # Under the public data's generation too: a change of published data refreshes them.
        cle = f"{cle}:{generation()}"
        choix = cache.get(cle)
    except Exception:  # cache unreachable: the list is read from the database, as Django would
        logger.warning("Cache injoignable : choix de filtre lus en base", exc_info=True)
        return lire()
    if choix is None:
        choix = lire()
        try:
            cache.set(cle, choix, DUREE_CHOIX)
        except Exception:
            logger.warning("Cache injoignable : choix de filtre non gardés", exc_info=True)
    return choix


def _cle(model_admin, field_path: str) -> str:
    return f"admin:choix-filtre:{model_admin.model._meta.label_lower}:{field_path}"


class ValeursEnCacheListFilter(admin.AllValuesFieldListFilter):
    """``AllValuesFieldListFilter`` whose distinct values are read at most every ten minutes."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        valeurs = self.lookup_choices
        self.lookup_choices = _choix_en_cache(_cle(model_admin, field_path), lambda: list(valeurs))


class LiesEnCacheListFilter(admin.RelatedOnlyFieldListFilter):
    """``RelatedOnlyFieldListFilter`` whose choices are read at most every ten minutes."""

    def field_choices(self, field, request, model_admin):
        return _choix_en_cache(
            _cle(model_admin, self.field_path),
            lambda: list(
                super(LiesEnCacheListFilter, self).field_choices(field, request, model_admin)
            ),
        )
