# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class TracksConfig(AppConfig):
    name = "tracks"
    verbose_name = "Parcours"
