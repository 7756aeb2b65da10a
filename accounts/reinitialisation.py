# SPDX-License-Identifier: EUPL-1.2
"""Password reset links, written to the outbox after the response.

Django's ``PasswordResetView`` sends its e-mail by SMTP inside the request, and only for a known
address: the answer took longer when the account existed, which told anyone who had an account.
Here the request does the same thing whatever address is typed: it queues
``accounts.tasks.envoyer_reinitialisation`` after commit. The task looks the address up and
writes the message to the outbox, whose own task sends it.

The message carries a working reset link, so its gabarit is confidential
(:attr:`notifications.models.Message.PREFIXE_CONFIDENTIEL`): the staff view of the outbox does
not show its body.
"""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications import outbox

GABARIT = "confidentiel_reinitialisation_mot_de_passe"


@transaction.atomic
def ecrire_liens(*, email: str) -> int:
    """Write one reset message per active account with a password at ``email``; how many.

    The accounts are those Django's own form would mail (active, usable password, same
    address whatever the case).
    """
    ecrits = 0
    for user in PasswordResetForm().get_users(email):
        message = outbox.notifier(
            destinataire=user,
            adresse=user.email,
            gabarit=GABARIT,
            contexte={
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        ecrits += message is not None
    return ecrits
