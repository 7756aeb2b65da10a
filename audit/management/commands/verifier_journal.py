# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand, CommandError

from audit.empreintes import verifier_empreintes
from audit.journal import verifier_chaine


class Command(BaseCommand):
    help = (
        "Vérifie la chaîne d'empreintes du journal d'audit et les empreintes journalières "
        "publiées ; signale toute entrée altérée."
    )

    def handle(self, *args, **options):
        anomalies = verifier_chaine()
        for anomalie in anomalies:
            self.stderr.write(f"Entrée {anomalie.evenement_id} : {anomalie.raison}")
        anomalies_jours = verifier_empreintes()
        for anomalie in anomalies_jours:
            self.stderr.write(f"Empreinte du {anomalie.jour:%d/%m/%Y} : {anomalie.raison}")
        total = len(anomalies) + len(anomalies_jours)
        if total:
            raise CommandError(f"{total} anomalie(s) dans le journal d'audit.")
        self.stdout.write(
            self.style.SUCCESS("Journal d'audit intègre, empreintes journalières comprises.")
        )
