# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class SuiviConfig(AppConfig):
    name = "suivi"
    verbose_name = "Suivi et transparence"
