# SPDX-License-Identifier: EUPL-1.2
"""Reading the PDFs the tests produce."""

import io
import re

import pypdf


def texte_pdf(contenu: bytes) -> str:
    """The PDF's extractable text, whitespace normalised (justified lines add spaces)."""
    lecteur = pypdf.PdfReader(io.BytesIO(contenu))
    texte = "\n".join(page.extract_text() for page in lecteur.pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", texte)


def xmp(contenu: bytes) -> bytes:
    lecteur = pypdf.PdfReader(io.BytesIO(contenu))
    return lecteur.trailer["/Root"]["/Metadata"].get_object().get_data()


def lire(document) -> bytes:
    with document.fichier.open("rb") as fichier:
        return fichier.read()


def pdf_minimal() -> bytes:
    """A small valid PDF, as a scanner would produce."""
    ecrivain = pypdf.PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def recharger(objet):
    """A fresh copy from the database (refresh_from_db is refused on protected FSM fields)."""
    return type(objet).objects.get(pk=objet.pk)
