# SPDX-License-Identifier: EUPL-1.2
"""Archival PDFs (receipts, conventions, minutes): one helper, same fonts and page frame.

:func:`rendre_pdf` renders a Django template to a tagged PDF/A-3a with WeasyPrint: A4, page numbers
in the footer, French document language, tagged structure, fonts embedded from files shipped
in ``static/fonts/`` (DejaVu Sans, see its licence there). Nothing is fetched from the network
and no server file is read: the URL fetcher serves ``data:`` URLs and the project's own shipped
files under ``static/`` only (see :class:`FetcherRessourcesProjet`); any other resource —
``http(s)://``, ``/etc/…``, a ``../`` escape or a symlink leading out — is refused and logged,
and WeasyPrint renders the document without it (a refused ``<a rel="attachment">`` embeds
nothing).

Templates should extend ``pdf/base.html`` (``<html lang="fr">``, ``<title>``, blocks
``contenu`` and ``style``); a full document of its own also works, since the page frame and
fonts are added as a stylesheet.
"""

import hashlib
import logging
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DOSSIER_POLICES = (Path(settings.BASE_DIR) / "static" / "fonts").resolve()
# The only folders a PDF may read files from: the shipped static files (fonts, images, CSS).
# Real paths, so that a symlink inside them pointing elsewhere is judged by its target.
RACINES_AUTORISEES: tuple[str, ...] = (os.path.realpath(Path(settings.BASE_DIR) / "static"),)

# Page frame and fonts, given to WeasyPrint as a user stylesheet for every document.
CSS_COMMUN = """
@font-face { font-family: "DejaVu Sans"; src: url("%(polices)s/DejaVuSans.ttf"); }
@font-face { font-family: "DejaVu Sans"; font-weight: bold;
             src: url("%(polices)s/DejaVuSans-Bold.ttf"); }
@font-face { font-family: "DejaVu Sans"; font-style: italic;
             src: url("%(polices)s/DejaVuSans-Oblique.ttf"); }
@page {
  size: A4;
  margin: 22mm 18mm 22mm 18mm;
  @top-left { content: "%(entete)s"; font-family: "DejaVu Sans"; font-size: 8pt; color: #444; }
  @bottom-right { content: "Page " counter(page) " sur " counter(pages);
                  font-family: "DejaVu Sans"; font-size: 8pt; color: #444; }
}
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #111; }
h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin-top: 1.2em; } h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%%; }
th, td { border: 0.5pt solid #777; padding: 3pt 5pt; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
.empreinte { font-size: 7.5pt; word-break: break-all; }
"""


def chemin_autorise(url: str) -> Path | None:
    """The real path of a ``file:`` URL if it is a file inside an allowed root, else None.

    Why real paths: ``os.path.realpath`` resolves ``..`` and follows symlinks, so neither an
    escape nor a link planted in ``static/`` can lead outside it.
    """
    morceaux = urlsplit(url)
    if morceaux.scheme.lower() != "file" or morceaux.netloc not in ("", "localhost"):
        return None
    reel = os.path.realpath(url2pathname(morceaux.path))
    for racine in RACINES_AUTORISEES:
        if os.path.commonpath([reel, racine]) == racine and os.path.isfile(reel):
            return Path(reel)
    return None


def _fetcher():
    """See :class:`FetcherRessourcesProjet` (WeasyPrint is imported only when rendering)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FetcherRessourcesProjet(URLFetcher):
        """``data:`` URLs and the project's shipped files; everything else raises.

        WeasyPrint catches the error, logs it and renders without the resource: an image,
        a stylesheet, a font or an attachment (``<a rel="attachment">``, ``<link>``) that is
        not ours is simply absent from the PDF. The file is read here from its checked real
        path, not reopened from the URL, so what is checked is what is read.
        """

        def fetch(self, url, headers=None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            chemin = chemin_autorise(url)
            if chemin is None:
                logger.warning("PDF : ressource refusée (hors des fichiers du projet) : %s", url)
                raise ValueError(f"Ressource refusée : {url}")
            type_mime = mimetypes.guess_type(chemin.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                chemin.as_uri(), body=chemin.read_bytes(), headers={"Content-Type": type_mime}
            )

    return FetcherRessourcesProjet(allowed_protocols=("data",), allow_redirects=False)


def _echapper_css(texte: str) -> str:
    """Text inside a CSS string: any line break (\\n, \\r, \\f) would end the string and
    let the rest of a typed title be read as CSS rules."""
    texte = texte.replace("\\", "\\\\").replace('"', '\\"')
    return re.sub(r"[\r\n\f]", " ", texte)


# Level "a" (accessible): logical structure, Unicode text and language, as COMPLIANCE 23 asks;
# the documents carry no image, so no figure lacks its alternative text.
VARIANTE_PDFA = "pdf/a-3a"


def rendre_pdf(
    template_name: str, context: dict, *, titre: str, pdfa: bool = True, entete: str = ""
) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes (tagged PDF/A-3a unless ``pdfa=False``).

    Why one helper: every legal document (receipt, convention, minutes) must carry embedded
    fonts, the French language and the archival profile (COMPLIANCE 23), and no document may
    reach the network while rendering.
    """
    from weasyprint import CSS, HTML

    html = render_to_string(template_name, {**context, "titre_document": titre})
    css = CSS(
        string=CSS_COMMUN
        % {
            "polices": DOSSIER_POLICES.as_uri(),
            "entete": _echapper_css(entete or "ApproprIAtion Métropolitaine — " + titre),
        },
        url_fetcher=_fetcher(),
    )
    options = {"pdf_tags": True, "stylesheets": [css]}
    if pdfa:
        options["pdf_variant"] = VARIANTE_PDFA
    document = HTML(string=html, base_url=DOSSIER_POLICES.as_uri() + "/", url_fetcher=_fetcher())
    return document.write_pdf(**options)


def sha256(contenu: bytes) -> str:
    """Hex SHA-256 of bytes: the checksum printed on receipts and kept beside stored PDFs."""
    return hashlib.sha256(contenu).hexdigest()
