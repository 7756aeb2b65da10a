# SPDX-License-Identifier: EUPL-1.2
"""core.uploads: files are judged by their bytes, names are made harmless."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import BUREAUTIQUE, IMAGES, PDF, nom_sain, verifier_fichier


def pdf() -> bytes:
    from pypdf import PdfWriter

    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=100, height=100)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def docx() -> bytes:
    import zipfile

    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return tampon.getvalue()


TOUS = frozenset({PDF, *IMAGES, *BUREAUTIQUE})


def test_it_accepts_a_real_pdf_and_returns_its_checksum():
    contenu = pdf()
    verifie = verifier_fichier(SimpleUploadedFile("a.pdf", contenu), types_acceptes={PDF})
    import hashlib

    assert verifie.type_contenu == PDF
    assert verifie.sha256 == hashlib.sha256(contenu).hexdigest()
    assert verifie.extension == "pdf"


def test_it_recognises_an_office_document_whatever_its_name():
    verifie = verifier_fichier(SimpleUploadedFile("annexe.pdf", docx()), types_acceptes=TOUS)
    assert verifie.extension == "docx"


@pytest.mark.parametrize(
    "contenu",
    [
        b"MZ\x90\x00" + b"\x00" * 200,  # Windows executable
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200,  # Linux executable
        b"%PDF-1.4 pas vraiment un PDF",
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_it_refuses_content_that_is_not_what_it_claims(contenu):
    with pytest.raises(ValidationError) as erreur:
        verifier_fichier(SimpleUploadedFile("engagement.pdf", contenu), types_acceptes=TOUS)
    assert "pas seulement son nom" in erreur.value.messages[0]


def test_it_refuses_a_file_over_the_limit(settings):
    settings.UPLOAD_MAX_FICHIER = 100
    with pytest.raises(ValidationError) as erreur:
        verifier_fichier(SimpleUploadedFile("a.pdf", pdf()), types_acceptes={PDF})
    assert erreur.value.code == "trop_gros"


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError):
        verifier_fichier(SimpleUploadedFile("a.pdf", b""), types_acceptes={PDF})


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.pdf"),
        ("rapport\x00\x1b[31m.pdf", "rapport[31m.pdf"),
        ('a<b>:"c|d?.pdf', "a_b___c_d_.pdf"),
        ("", "document.pdf"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_it_makes_names_harmless(nom, attendu):
    assert nom_sain(nom, extension="pdf") == attendu
