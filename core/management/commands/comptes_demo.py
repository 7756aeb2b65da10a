# SPDX-License-Identifier: EUPL-1.2
"""Print the demo accounts, their published credentials and, per role, one thing to try
(demo settings only)."""

import importlib

from django.core.management.base import BaseCommand, CommandError

from accounts.demo import (
    CODES_SECOURS_DEMO,
    MOT_DE_PASSE_DEMO,
    PERSONAS,
    TOTP_DEMO_SECRET,
    demo_autorisee,
)
from core.management.commands.donnees_demo import MESSAGE_REFUS, ORDRE


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
        essais = a_essayer()
        if essais:
            self.stdout.write("À essayer, par rôle :")
            for persona in PERSONAS:
                if persona.cle in essais:
                    self.stdout.write(f"  {persona.role} ({persona.email}) :")
                    self.stdout.write(f"    {essais[persona.cle]}")
            self.stdout.write("")


def a_essayer() -> dict[str, str]:
    """Persona key -> one concrete thing to try, from each app's ``demo.a_essayer`` (if any),
    so that the hint names what the demo data really hold (a session's date, a commune)."""
    essais: dict[str, str] = {}
    for app in ORDRE:
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "a_essayer"):
            essais.update(module.a_essayer())
    return essais
