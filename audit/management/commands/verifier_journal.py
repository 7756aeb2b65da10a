# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand, CommandError

from audit.journal import verifier_chaine


class Command(BaseCommand):
    help = "Vérifie la chaîne d'empreintes du journal d'audit et signale toute entrée altérée."

    def handle(self, *args, **options):
        anomalies = verifier_chaine()
        if anomalies:
            for anomalie in anomalies:
                self.stderr.write(f"Entrée {anomalie.evenement_id} : {anomalie.raison}")
            raise CommandError(f"{len(anomalies)} anomalie(s) dans le journal d'audit.")
        self.stdout.write(self.style.SUCCESS("Journal d'audit intègre."))
