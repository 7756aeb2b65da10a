# SPDX-License-Identifier: EUPL-1.2
"""core.pdf: a document may read the project's shipped files only, never a server file.

Each vector points at a "secret" written in a temporary folder: an SVG image and a stylesheet
that would print a marker in the PDF's text, an env file that would become an embedded file.
The controls at the end prove the harness sees the marker when the same files are allowed.
"""

import io
import logging
import os

import pypdf
import pytest

import core.pdf
from core.pdf import rendre_pdf

MARQUEUR = "MARQUEUR-SECRET-7f3a"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">'
    f'<text x="5" y="25" font-family="DejaVu Sans" font-size="12">{MARQUEUR}</text></svg>'
)
CSS = f'body::after {{ content: "{MARQUEUR}"; }}'


@pytest.fixture
def secrets(tmp_path):
    """A folder of "server files" outside the project: env file, SVG, stylesheet."""
    dossier = tmp_path / "etc"
    dossier.mkdir()
    (dossier / "appropriation.env").write_text(f"SECRET_KEY={MARQUEUR}\n")
    (dossier / "secret.svg").write_text(SVG)
    (dossier / "secret.css").write_text(CSS)
    return dossier


@pytest.fixture
def gabarits(settings, tmp_path):
    """Write a body into a template extending pdf/base.html and return its name."""
    dossier = tmp_path / "gabarits"
    dossier.mkdir()
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [dossier, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]

    def ecrire(corps: str, tete: str = "") -> str:
        (dossier / "essai.html").write_text(
            '{% extends "pdf/base.html" %}{% block style %}' + tete + "{% endblock %}"
            "{% block contenu %}<p>Corps du document</p>" + corps + "{% endblock %}"
        )
        return "essai.html"

    return ecrire


def lire(contenu: bytes) -> tuple[str, dict]:
    """The PDF's text and its embedded files (name → list of contents): those of the
    document (``<link rel="attachment">``) and those of link annotations (``<a>``)."""
    lecteur = pypdf.PdfReader(io.BytesIO(contenu))
    texte = "".join(page.extract_text() for page in lecteur.pages)
    pieces = {nom: list(contenus) for nom, contenus in lecteur.attachments.items()}
    for page in lecteur.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                fichier = annotation["/FS"].get_object()
                donnees = fichier["/EF"]["/F"].get_object().get_data()
                pieces.setdefault(str(fichier["/F"]), []).append(donnees)
    return texte, pieces


def sans_secret(contenu: bytes) -> None:
    texte, pieces = lire(contenu)
    assert "Corps du document" in texte
    assert MARQUEUR not in texte
    assert pieces == {}
    assert MARQUEUR.encode() not in contenu
    assert b"/EmbeddedFile" not in contenu


def vecteurs(dossier) -> dict[str, tuple[str, str]]:
    """Each way a template can name a file: (body, stylesheet)."""
    env, svg, css = (
        (dossier / nom).as_uri() for nom in ("appropriation.env", "secret.svg", "secret.css")
    )
    return {
        "a_attachment": (f'<a rel="attachment" href="{env}">pièce</a>', ""),
        "link_attachment": (f'<link rel="attachment" href="{env}">', ""),
        "img": (f'<img src="{svg}" alt="">', ""),
        "link_stylesheet": (f'<link rel="stylesheet" href="{css}">', ""),
        "css_url": ('<p class="x">x</p>', f'.x::before {{ content: url("{svg}"); }}'),
        "css_import": ("", f'@import url("{css}");'),
    }


@pytest.mark.parametrize(
    "vecteur",
    ["a_attachment", "link_attachment", "img", "link_stylesheet", "css_url", "css_import"],
)
def test_a_server_file_is_never_read(gabarits, secrets, vecteur, caplog):
    corps, tete = vecteurs(secrets)[vecteur]
    with caplog.at_level(logging.WARNING, logger="core.pdf"):
        contenu = rendre_pdf(gabarits(corps, tete), {}, titre="Essai")
    sans_secret(contenu)
    assert any(
        r.levelno == logging.WARNING and "ressource refusée" in r.getMessage()
        for r in caplog.records
    )


def test_etc_passwd_is_never_attached(gabarits):
    contenu = rendre_pdf(
        gabarits('<a rel="attachment" href="file:///etc/passwd">x</a><img src="/etc/passwd">'),
        {},
        titre="Essai",
    )
    sans_secret(contenu)
    assert b"root:" not in contenu


def test_a_dotdot_escape_from_the_static_folder_is_refused(gabarits, secrets):
    racine = core.pdf.RACINES_AUTORISEES[0]
    evasion = os.path.relpath(secrets / "appropriation.env", core.pdf.DOSSIER_POLICES)
    absolue = f"file://{racine}/fonts/../../{os.path.relpath(secrets / 'secret.svg', '/')}"
    contenu = rendre_pdf(
        gabarits(f'<a rel="attachment" href="{evasion}">x</a><img src="{absolue}" alt="">'),
        {},
        titre="Essai",
    )
    sans_secret(contenu)


def test_a_symlink_inside_an_allowed_folder_pointing_outside_is_refused(
    gabarits, secrets, tmp_path, monkeypatch
):
    statiques = tmp_path / "static"
    statiques.mkdir()
    (statiques / "piece.env").symlink_to(secrets / "appropriation.env")
    (statiques / "image.svg").symlink_to(secrets / "secret.svg")
    monkeypatch.setattr(core.pdf, "RACINES_AUTORISEES", (os.path.realpath(statiques),))
    contenu = rendre_pdf(
        gabarits(
            f'<a rel="attachment" href="{(statiques / "piece.env").as_uri()}">x</a>'
            f'<img src="{(statiques / "image.svg").as_uri()}" alt="">'
        ),
        {},
        titre="Essai",
    )
    sans_secret(contenu)


def test_shipped_fonts_and_data_urls_are_still_served(gabarits):
    contenu = rendre_pdf(
        gabarits('<img src="data:image/svg+xml;utf8,' + SVG.replace('"', "'") + '" alt="">'),
        {},
        titre="Essai",
    )
    texte, _ = lire(contenu)
    assert MARQUEUR in texte
    polices = pypdf.PdfReader(io.BytesIO(contenu)).pages[0]["/Resources"]["/Font"]
    assert all("DejaVu" in str(p.get_object()["/BaseFont"]) for p in polices.values())


@pytest.mark.parametrize(
    "vecteur",
    ["a_attachment", "link_attachment", "img", "link_stylesheet", "css_url", "css_import"],
)
def test_control_the_same_files_are_seen_once_their_folder_is_allowed(
    gabarits, secrets, vecteur, monkeypatch
):
    """Proves the vectors above would leak: the marker shows once the folder is allowed."""
    monkeypatch.setattr(core.pdf, "RACINES_AUTORISEES", (os.path.realpath(secrets),))
    corps, tete = vecteurs(secrets)[vecteur]
    texte, pieces = lire(rendre_pdf(gabarits(corps, tete), {}, titre="Essai"))
    vu = MARQUEUR in texte or any(MARQUEUR.encode() in c for v in pieces.values() for c in v)
    assert vu
