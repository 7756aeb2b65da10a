# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ComiteConfig(AppConfig):
    name = "comite"
    verbose_name = "Comité d'examen"

    def ready(self) -> None:
        from candidatures.accuses import enregistrer_source_seance
        from comite import tableau  # noqa: F401 - its sections of the start page
        from comite.seances import prochaine_seance

        enregistrer_source_seance(prochaine_seance)
