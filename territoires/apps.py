# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class TerritoiresConfig(AppConfig):
    name = "territoires"
    verbose_name = "Territoires"
