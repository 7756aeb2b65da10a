# SPDX-License-Identifier: EUPL-1.2
"""Checks on the files beneficiaries share (art. 7): by content, not by the name's extension.

PDF (parsed), office documents, images and ZIP archives are recognised from their bytes by
:func:`core.uploads.verifier_fichier`; CSV, JSON and plain text, which have no signature, are
accepted when the content is UTF-8 text without NUL bytes and, for JSON, parses.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError

from core.uploads import BUREAUTIQUE, IMAGES, PDF, mo, verifier_fichier

TYPES_LIVRABLE = frozenset({PDF, *BUREAUTIQUE, *IMAGES, "application/zip"})
EXTENSIONS_TEXTE = ("csv", "json", "txt")


def _texte_valide(fichier, extension: str) -> bool:
    fichier.seek(0)
    contenu = fichier.read()
    fichier.seek(0)
    if not contenu or b"\x00" in contenu:
        return False
    try:
        texte = contenu.decode("utf-8")
        if extension == "json":
            json.loads(texte)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return False
    return True


def verifier_fichier_livrable(fichier) -> None:
    """Refuse a file too large, or whose content is neither a document, an archive nor data."""
    extension = fichier.name.rsplit(".", 1)[-1].lower() if "." in fichier.name else ""
    if extension in EXTENSIONS_TEXTE:
        if fichier.size > settings.UPLOAD_MAX_FICHIER:
            raise ValidationError(
                f"Le fichier dépasse la taille maximale de {mo(settings.UPLOAD_MAX_FICHIER)}.",
                code="trop_gros",
            )
        if _texte_valide(fichier, extension):
            return
        raise ValidationError(
            f"Ce fichier .{extension} n'est pas un texte UTF-8 lisible"
            + (" ni un JSON valide" if extension == "json" else "")
            + " : son contenu a été vérifié, pas seulement son nom.",
            code="type_refuse",
        )
    verifier_fichier(fichier, types_acceptes=TYPES_LIVRABLE)
