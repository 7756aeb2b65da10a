# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SuiviConfig(AppConfig):
    name = "suivi"
    verbose_name = "Suivi et transparence"

    def ready(self) -> None:
        from suivi import tableau  # noqa: F401 - its sections of the start page
