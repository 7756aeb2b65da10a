# SPDX-License-Identifier: EUPL-1.2
"""Second factor (TOTP or backup code) for the back office (COMPLIANCE 17).

Who needs one is decided here, once; the middleware and ``tests.factories.connecter`` use it.
Front-office pages stay reachable with a password only: the gate guards the back office, i.e.
the paths of ``settings.SECOND_FACTEUR_CHEMINS`` and the views decorated with
:func:`back_office`.
"""

import secrets
from collections.abc import Callable

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import AGENT_METROPOLE, EXPERT, MEMBRE_COMITE, PRESIDENT_COMITE

GROUPES_BACK_OFFICE = (AGENT_METROPOLE, MEMBRE_COMITE, PRESIDENT_COMITE, EXPERT)
NOM_TOTP = "Application d'authentification"
NOM_SECOURS = "Codes de secours"
NOMBRE_CODES_SECOURS = 10


def exige_second_facteur(user) -> bool:
    """Staff, superusers and the back-office groups must prove a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=GROUPES_BACK_OFFICE).exists()


def back_office(view: Callable) -> Callable:
    """Mark a view outside ``SECOND_FACTEUR_CHEMINS`` as back office: the gate applies to it."""
    view.second_facteur_requis = True
    return view


def a_un_second_facteur(user) -> bool:
    """True once the user has a confirmed device (an authenticator app or backup codes)."""
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def totp_en_cours(user) -> TOTPDevice:
    """The TOTP device being enrolled (unconfirmed), created with a fresh secret if needed."""
    appareil = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if appareil is None:
        appareil = TOTPDevice.objects.create(user=user, name=NOM_TOTP, confirmed=False)
    return appareil


def secret_base32(appareil: TOTPDevice) -> str:
    """The secret as typed into an authenticator app by hand, in groups of four."""
    from base64 import b32encode

    brut = b32encode(appareil.bin_key).decode().rstrip("=")
    return " ".join(brut[i : i + 4] for i in range(0, len(brut), 4))


def qr_code_svg(appareil: TOTPDevice) -> str:
    """The provisioning URI as an inline SVG (no script, no style attribute, no network)."""
    return segno.make(appareil.config_url, error="m").svg_inline(
        scale=4, border=4, omitsize=False, svgclass="qr-code", lineclass=None, title=None
    )


@transaction.atomic
def confirmer_totp(appareil: TOTPDevice, code: str) -> bool:
    """Confirm the enrolment if ``code`` is valid; older TOTP devices of the user are removed."""
    if not appareil.verify_token(code.replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=appareil.user, confirmed=True).exclude(pk=appareil.pk).delete()
    appareil.confirmed = True
    appareil.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def regenerer_codes_secours(user, codes: list[str] | None = None) -> tuple[StaticDevice, list[str]]:
    """Replace the user's backup codes with ten new single-use ones; returns them once."""
    appareil, _ = StaticDevice.objects.get_or_create(
        user=user, name=NOM_SECOURS, defaults={"confirmed": True}
    )
    appareil.token_set.all().delete()
    codes = codes or [_code_secours() for _ in range(NOMBRE_CODES_SECOURS)]
    StaticToken.objects.bulk_create(StaticToken(device=appareil, token=c) for c in codes)
    return appareil, codes


def _code_secours() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to read them aloud
    return "".join(secrets.choice(alphabet) for _ in range(10))
