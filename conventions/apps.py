# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConventionsConfig(AppConfig):
    name = "conventions"
    verbose_name = "Conventions"

    def ready(self) -> None:
        from conventions import tableau  # noqa: F401 - its sections of the start page
        from conventions.modele_initial import recharger_si_vide

        post_migrate.connect(recharger_si_vide, sender=self, dispatch_uid="conventions.modele")
