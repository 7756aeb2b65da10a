# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.db.models.signals import post_migrate


def recharger_si_vide(sender, using="default", **kwargs) -> None:
    """Reload the referential after a flush emptied it (tests' transactional flushes).

    The data migration loads it once per database; a ``flush`` keeps the schema but empties the
    table and re-emits ``post_migrate``, as it does for content types and permissions.
    """
    from django.db import connections

    from territoires.models import Territoire
    from territoires.referentiel import charger

    if Territoire._meta.db_table not in connections[using].introspection.table_names():
        return
    if not Territoire.objects.using(using).exists():
        charger(Territoire)


class TerritoiresConfig(AppConfig):
    name = "territoires"
    verbose_name = "Territoires"

    def ready(self):
        post_migrate.connect(recharger_si_vide, sender=self, dispatch_uid="territoires.recharger")
