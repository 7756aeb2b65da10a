# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = "Parcours"

    def ready(self) -> None:
        from core import cache_public
        from tracks.models import Parcours

        # At a deadline the public pages say "closed" at once, cached or not.
        cache_public.enregistrer_echeances(Parcours.objects.echeances_publiees)
