# SPDX-License-Identifier: EUPL-1.2
"""core.pdf: archival PDFs with extractable text, PDF/A-3a metadata and embedded fonts."""

import io

import pypdf
import pytest

from core.pdf import rendre_pdf, sha256


@pytest.fixture(scope="module")
def lecteur():
    contenu = rendre_pdf("pdf/base.html", {}, titre="Accusé de réception d'essai")
    return pypdf.PdfReader(io.BytesIO(contenu))


def test_it_produces_extractable_french_text_with_page_numbers(lecteur):
    texte = lecteur.pages[0].extract_text()
    assert "Métropole du Grand Paris" in texte
    assert "Page 1 sur 1" in texte


def test_it_declares_pdf_a_3a_in_the_xmp_metadata(lecteur):
    xmp = lecteur.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp


def test_it_declares_the_french_language_and_a_tagged_structure(lecteur):
    racine = lecteur.trailer["/Root"]
    assert racine["/Lang"] == "fr"
    assert "/StructTreeRoot" in racine


def test_it_embeds_the_shipped_fonts(lecteur):
    polices = lecteur.pages[0]["/Resources"]["/Font"]
    for police in polices.values():
        descendante = police.get_object()["/DescendantFonts"][0].get_object()
        assert "DejaVu" in str(police.get_object()["/BaseFont"])
        assert "/FontFile2" in descendante["/FontDescriptor"]


def test_it_never_fetches_http_resources(settings, tmp_path, monkeypatch):
    import urllib.request

    def interdit(*args, **kwargs):
        raise AssertionError("accès réseau pendant le rendu")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", interdit)
    gabarit = tmp_path / "reseau.html"
    gabarit.write_text(
        '{% extends "pdf/base.html" %}{% block contenu %}'
        '<img src="https://exemple.fr/logo.png" alt="">texte{% endblock %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    assert rendre_pdf("reseau.html", {}, titre="Réseau").startswith(b"%PDF")


def test_sha256_is_the_hex_digest():
    assert sha256(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
