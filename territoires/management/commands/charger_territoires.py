# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand
from django.db import transaction

from territoires.models import Territoire
from territoires.referentiel import charger


class Command(BaseCommand):
    help = (
        "Charge ou met à jour les 130 communes, les 11 EPT et la Métropole depuis "
        "territoires/data. Sans effet si le référentiel est déjà à jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wet-run",
            action="store_true",
            help="Enregistre les changements (sinon : essai à blanc).",
        )

    def handle(self, *args, wet_run=False, **options):
        with transaction.atomic():
            bilan = charger(Territoire)
            message = f"{bilan.crees} créé(s), {bilan.modifies} modifié(s), {bilan.inchanges} inchangé(s)."
            if not wet_run:
                transaction.set_rollback(True)
                message = "Essai à blanc (--wet-run pour enregistrer) : " + message
        self.stdout.write(message)
