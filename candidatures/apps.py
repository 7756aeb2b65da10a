# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CandidaturesConfig(AppConfig):
    name = "candidatures"
    verbose_name = "Candidatures"

    def ready(self) -> None:
        from candidatures import tableau  # noqa: F401 - its sections of the start page
