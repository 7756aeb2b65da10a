# SPDX-License-Identifier: EUPL-1.2
"""Print the demo accounts and their published credentials (demo settings only)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.demo import (
    CODES_SECOURS_DEMO,
    MOT_DE_PASSE_DEMO,
    PERSONAS,
    TOTP_DEMO_SECRET,
    demo_autorisee,
)
from core.management.commands.donnees_demo import MESSAGE_REFUS


class Command(BaseCommand):
    help = "Affiche les comptes de démonstration (un par rôle) et leur mot de passe."

    def handle(self, *args, **options):
        if not demo_autorisee():
            raise CommandError(MESSAGE_REFUS)
        self.stdout.write("")
        self.stdout.write("Comptes de démonstration — http://127.0.0.1:8000/compte/connexion/")
        self.stdout.write(f"Mot de passe de tous les comptes : {MOT_DE_PASSE_DEMO}")
        self.stdout.write("")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.role:<45} {persona.email}")
        self.stdout.write("")
        self.stdout.write(
            "Second facteur des comptes Métropole, comité et expert (DÉMO UNIQUEMENT) :"
        )
        self.stdout.write(
            f"  clé TOTP à saisir dans une application d'authentification : {TOTP_DEMO_SECRET}"
        )
        self.stdout.write(
            f"  ou codes de secours (usage unique, donnés à la création du compte) : "
            f"{', '.join(CODES_SECOURS_DEMO)}"
        )
        self.stdout.write("")
