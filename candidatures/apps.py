# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CandidaturesConfig(AppConfig):
    name = "candidatures"
    verbose_name = "Candidatures"
