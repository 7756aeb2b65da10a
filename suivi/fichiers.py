# SPDX-License-Identifier: EUPL-1.2
"""Checks on the files beneficiaries share (art. 7): by content, not by the name's extension.

PDF, office documents and ZIP are recognised from their first bytes (as for the tracks'
documents, :mod:`tracks.fichiers`); CSV and JSON, which have no signature, are accepted
when the content is UTF-8 text without NUL bytes and, for JSON, parses.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError

from tracks.fichiers import TYPES_ACCEPTES, type_reel

EXTENSIONS_TEXTE = ("csv", "json", "txt")


def _texte(fichier) -> bytes | None:
    fichier.seek(0)
    contenu = fichier.read()
    fichier.seek(0)
    if b"\x00" in contenu:
        return None
    try:
        contenu.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return contenu


def verifier_fichier_livrable(fichier) -> None:
    """Refuse a file too large, or whose content is neither a document, an archive nor data."""
    if fichier.size > settings.UPLOAD_MAX_FICHIER:
        limite = settings.UPLOAD_MAX_FICHIER // (1024 * 1024)
        raise ValidationError(
            f"Le fichier dépasse la taille maximale de {limite} Mo.", code="trop_gros"
        )
    if type_reel(fichier) in TYPES_ACCEPTES:
        return
    extension = fichier.name.rsplit(".", 1)[-1].lower() if "." in fichier.name else ""
    if extension in EXTENSIONS_TEXTE:
        contenu = _texte(fichier)
        if contenu is not None:
            if extension != "json":
                return
            try:
                json.loads(contenu)
                return
            except ValueError:
                pass
    raise ValidationError(
        "Ce fichier n'est ni un PDF, ni un document bureautique, ni une archive ZIP, ni un "
        "fichier de données CSV ou JSON lisible : son contenu a été vérifié, pas seulement son nom.",
        code="type_refuse",
    )
