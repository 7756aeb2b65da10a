# SPDX-License-Identifier: EUPL-1.2
"""Archival PDFs (receipts, conventions, minutes): one helper, same fonts and page frame.

:func:`rendre_pdf` renders a Django template to a tagged PDF/A-3a with WeasyPrint: A4, page numbers
in the footer, French document language, tagged structure, fonts embedded from files shipped
in ``static/fonts/`` (DejaVu Sans, see its licence there). Nothing is fetched from the network:
the URL fetcher only allows ``file:`` and ``data:`` URLs, so a template pointing at an
``http(s)://`` resource renders without it instead of leaking a request.

Templates should extend ``pdf/base.html`` (``<html lang="fr">``, ``<title>``, blocks
``contenu`` and ``style``); a full document of its own also works, since the page frame and
fonts are added as a stylesheet.
"""

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

DOSSIER_POLICES = (Path(settings.BASE_DIR) / "static" / "fonts").resolve()

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


def _fetcher():
    """Local files and data: URLs only; http(s) and anything else is refused."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


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
