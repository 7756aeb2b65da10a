# SPDX-License-Identifier: EUPL-1.2
"""Build a believable, deterministic programme so that every page of the product shows something.

Each domain app contributes a ``demo.py`` with ``creer(*, comptes, maintenant)``; they run in
the order of the workflow. Dry run unless ``--wet-run``.

Refused unless the settings say demo (``DEBUG=1``, or ``DEMO=1`` which production refuses):
the accounts it creates carry a published password and a public second factor. An account
that already has a demo address is never touched (see :func:`accounts.demo.creer_personas`).
"""

import importlib

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.demo import comptes_existants, creer_personas, demo_autorisee

MESSAGE_REFUS = (
    "Données de démonstration refusées : elles créent des comptes au mot de passe publié. "
    "Lancez-les seulement en développement ou en démonstration (DEBUG=1, par exemple avec "
    "« make demo », ou DEMO=1), jamais en production."
)
ORDRE = ["tracks", "candidatures", "comite", "conventions", "suivi", "notifications"]


class Command(BaseCommand):
    help = "Crée les données de démonstration (parcours, candidatures, comité, conventions…)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--wet-run", action="store_true", help="Enregistre (sinon essai à blanc)."
        )

    def handle(self, *args, wet_run=False, **options):
        if not demo_autorisee():
            raise CommandError(MESSAGE_REFUS)
        # Anchored on today at noon so that deadlines and phases look current, yet reproducible.
        maintenant = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
        with transaction.atomic():
            for email in comptes_existants():
                self.stdout.write(
                    f"Compte existant laissé intact (ni mot de passe ni second facteur) : {email}"
                )
            comptes = creer_personas()
            for app in ORDRE:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError:
                    continue
                resultat = module.creer(comptes=comptes, maintenant=maintenant)
                self.stdout.write(f"{app} : {resultat or 'fait'}")
            if not wet_run:
                transaction.set_rollback(True)
                self.stdout.write(
                    "Essai à blanc : rien n'a été enregistré (--wet-run pour enregistrer)."
                )
