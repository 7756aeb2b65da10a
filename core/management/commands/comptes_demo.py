# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from accounts.demo import MOT_DE_PASSE_DEMO, PERSONAS


class Command(BaseCommand):
    help = "Affiche les comptes de démonstration (un par rôle) et leur mot de passe."

    def handle(self, *args, **options):
        self.stdout.write("")
        self.stdout.write("Comptes de démonstration — http://127.0.0.1:8000/compte/connexion/")
        self.stdout.write(f"Mot de passe de tous les comptes : {MOT_DE_PASSE_DEMO}")
        self.stdout.write("")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.role:<45} {persona.email}")
        self.stdout.write("")
