# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Portail"

    def ready(self) -> None:
        from core import cache_public

        cache_public.connecter()  # public pages and open data follow every change of their data
