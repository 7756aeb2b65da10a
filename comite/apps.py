# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ComiteConfig(AppConfig):
    name = "comite"
    verbose_name = "Comité d'examen"
