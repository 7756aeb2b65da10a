# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ComiteConfig(AppConfig):
    name = "comite"
    verbose_name = "Comité d'examen"

    def ready(self) -> None:
        from comite import tableau  # noqa: F401 - its sections of the start page
