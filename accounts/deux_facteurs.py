# SPDX-License-Identifier: EUPL-1.2
"""Second factor (TOTP or backup code) for every back-office role (COMPLIANCE 17).

Who needs one is decided here, once, from the user's roles; the middleware
(``accounts.middleware.SecondFactorRequiredMiddleware``) and ``tests.factories.connecter`` use
it. Deny by default: such a user, until the second factor is verified in the session, reaches
only the views marked ``core.acces.sans_second_facteur`` (public pages, their own account, the
second-factor pages, log-out). Every other view, whatever its URL, sends them to the second
factor first.
"""

import secrets

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

NOM_TOTP = "Application d'authentification"
NOM_SECOURS = "Codes de secours"
NOMBRE_CODES_SECOURS = 10


def exige_second_facteur(user) -> bool:
    """Anyone who holds more than a territoire agent must prove a second factor.

    A territoire agent (or legal representative) acts through memberships (``Adhesion``) and
    holds no group and no model permission. So: staff, superusers, any group (the committee,
    the experts, the Métropole's agents, and any group added later) and any permission given
    to the user directly. The groups are the ones :meth:`User.roles` already reads once per
    request; only a user with none of them costs one more query (their direct permissions).
    """
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or user.roles():
        return True
    return user.user_permissions.exists()


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
