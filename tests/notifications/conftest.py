# SPDX-License-Identifier: EUPL-1.2
"""A real SMTP server on loopback (aiosmtpd), started by the test."""

import socket
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

ADRESSE_REFUSEE = "refusee@exemple.fr"


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Boite:
    """The aiosmtpd handler: keeps what it receives, refuses one address like a real server."""

    def __init__(self):
        self.recus = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == ADRESSE_REFUSEE:
            return "550 5.1.1 Adresse inconnue : boîte aux lettres inexistante"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.recus.append(message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"


class ServeurSmtp:
    def __init__(self, port: int):
        self.port = port
        self.boite = Boite()
        self.controleur = None

    @property
    def recus(self):
        return self.boite.recus

    def pour(self, adresse: str) -> list:
        return [m for m in self.recus if adresse in m["To"]]

    def demarrer(self) -> None:
        self.controleur = Controller(self.boite, hostname="127.0.0.1", port=self.port)
        self.controleur.start()

    def arreter(self) -> None:
        if self.controleur is not None:
            self.controleur.stop()
            self.controleur = None


@pytest.fixture
def serveur_smtp(settings):
    """Django sends by SMTP to a real server on a free loopback port (started)."""
    serveur = ServeurSmtp(port_libre())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = serveur.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    serveur.demarrer()
    yield serveur
    serveur.arreter()


def texte(courriel) -> str:
    return courriel.get_body(preferencelist=("plain",)).get_content()


def html(courriel) -> str:
    return courriel.get_body(preferencelist=("html",)).get_content()
