# SPDX-License-Identifier: EUPL-1.2
"""The first staff account, right after ``migrate``: a superuser invited by e-mail.

Nobody types a password on the server: the command creates the inactive account, e-mails the
single-use link (valid 72 hours) through the outbox and prints it, so that it can be used
even before the mail server is set up. It is a one-off setup step, not a data-changing
batch: it has no dry run, but refuses to run twice unless told ``--force``.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import comptes
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Invite le premier administrateur (superutilisateur) : crée le compte inactif et "
        "envoie le lien, valable 72 heures, pour choisir le mot de passe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="Adresse électronique de la personne.")
        parser.add_argument("--nom", default="Administrateur", help="Prénom et nom affichés.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Inviter même si un superutilisateur actif existe déjà.",
        )

    def handle(self, *args, email: str, nom: str, force: bool, **options):
        if not force and User.objects.filter(is_superuser=True, is_active=True).exists():
            raise CommandError(
                "Un superutilisateur actif existe déjà : invitez les comptes depuis l'admin "
                "(Utilisateurs › Inviter), ou relancez avec --force."
            )
        try:
            with transaction.atomic():
                invitation, lien = comptes.inviter(
                    email=email, nom_complet=nom, roles=[], superutilisateur=True, par=None
                )
        except comptes.GestionRefusee as refus:
            raise CommandError(str(refus)) from refus
        self.stdout.write(
            self.style.SUCCESS(f"Invitation envoyée à {invitation.utilisateur.email}.")
        )
        self.stdout.write(
            f"Lien à usage unique, valable jusqu'au {invitation.expire_le:%d/%m/%Y %H:%M} (UTC) :"
        )
        self.stdout.write(lien)
