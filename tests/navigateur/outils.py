# SPDX-License-Identifier: EUPL-1.2
"""Helpers of the browser journeys: real login pages, admin transition buttons, small PDFs."""

import io

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import MOT_DE_PASSE

DELAI_MS = 20_000  # the machine is shared: be patient
CLE_TOTP = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex


def pdf_signe(titre: str = "Formulaire d'engagement signé") -> bytes:
    """A small valid one-page PDF (core.uploads parses it with pypdf)."""
    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    ecrivain.add_metadata({"/Title": titre})
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def appareil_totp(user) -> TOTPDevice:
    """A confirmed authenticator with a known key, so the test computes the code."""
    return TOTPDevice.objects.create(user=user, name="Application", key=CLE_TOTP, confirmed=True)


def code_totp(appareil: TOTPDevice) -> str:
    return f"{totp(appareil.bin_key, appareil.step, appareil.t0, appareil.digits):06d}"


def code_de_secours(user) -> str:
    """A fresh single-use backup code (a TOTP code cannot be used twice in its 30 s window)."""
    appareil, _ = StaticDevice.objects.get_or_create(
        user=user, name="Codes de secours", defaults={"confirmed": True}
    )
    code = f"secours{appareil.token_set.count() + 1}"
    StaticToken.objects.create(device=appareil, token=code)
    return code


def preparer_page(page) -> None:
    page.set_default_timeout(DELAI_MS)
    page.on("dialog", lambda dialogue: dialogue.accept())  # data-confirm asks window.confirm


def se_connecter(page, base: str, user, *, second_facteur: str | None = None) -> None:
    """Log in through the real login page, then the second-factor page if asked."""
    page.context.clear_cookies()
    suite = "?next=/admin/" if second_facteur is not None else ""
    page.goto(base + "/compte/connexion/" + suite)
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    if second_facteur is not None:
        assert "/second-facteur/" in page.url, page.url
        page.locator("#id_code").fill(second_facteur)
        page.get_by_role("button", name="Vérifier").click()
        page.wait_for_load_state()
        assert "/second-facteur/" not in page.url, page.content()[:2000]


def cliquer_et_attendre(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def transition_admin(page, url_fiche: str, libelle: str, commentaire: str = "") -> None:
    """Click an enabled transition button of an admin change page and confirm it."""
    page.goto(url_fiche)
    cliquer_et_attendre(page, page.get_by_role("link", name=f"{libelle}…"))
    if commentaire:
        page.locator("textarea[name=commentaire]").fill(commentaire)
    cliquer_et_attendre(page, page.get_by_role("button", name=f"Confirmer : {libelle}"))
    assert "c'est fait" in page.content() or "success" in page.content(), page.url


def message_succes(page) -> str:
    return page.locator(".alert-success, .messagelist .success").first.inner_text()
