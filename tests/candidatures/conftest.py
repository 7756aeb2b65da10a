# SPDX-License-Identifier: EUPL-1.2
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.candidatures.factories import CandidatureFactory, ParcoursPublieFactory


def octets_pdf(texte: str = "Formulaire d'engagement signé") -> bytes:
    """A real one-page PDF (pypdf can read it)."""
    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    ecrivain.add_metadata({"/Title": texte})
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def fichier_pdf(nom: str = "engagement.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nom, octets_pdf(), content_type="application/pdf")


def fichier_exe(nom: str = "engagement.pdf") -> SimpleUploadedFile:
    """A Windows executable renamed .pdf (MZ header then PE signature)."""
    entete = b"MZ" + b"\x90\x00" * 29 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"
    return SimpleUploadedFile(nom, entete + b"\x00" * 2048, content_type="application/pdf")


@pytest.fixture
def parcours_ouvert(db):
    return ParcoursPublieFactory()


@pytest.fixture
def brouillon(parcours_ouvert, agent_vincennes):
    return CandidatureFactory(parcours=parcours_ouvert, creee_par=agent_vincennes)


@pytest.fixture
def brouillon_complet(brouillon, agent_vincennes):
    from tests.candidatures.factories import completer

    return completer(brouillon, par=agent_vincennes)
