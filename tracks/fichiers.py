# SPDX-License-Identifier: EUPL-1.2
"""Checks on the documents staff attach to a track: by content, not by the name's extension.

The files are stored under ``MEDIA_ROOT`` (never served by the web server: ``MEDIA_URL`` is
``None``) and reach the public only through :func:`tracks.views.telecharger_document`.
"""

import hashlib
import uuid

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

# What a track's documents may be: PDF and office formats (Microsoft and OpenDocument), plus
# ZIP for a communication kit (logos, templates). Detected from the bytes by ``filetype``.
TYPES_ACCEPTES: dict[str, str] = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/zip": "zip",
}


def type_reel(fichier) -> str | None:
    """The MIME type read from the file's first bytes (``None`` when unknown)."""
    position = fichier.tell() if hasattr(fichier, "tell") else 0
    fichier.seek(0)
    entete = fichier.read(8192)
    fichier.seek(position)
    genre = filetype.guess(entete)
    return genre.mime if genre else None


def verifier_document(fichier) -> None:
    """Refuse a file that is too large or whose content is not PDF / office / ZIP."""
    if fichier.size > settings.UPLOAD_MAX_FICHIER:
        limite = settings.UPLOAD_MAX_FICHIER // (1024 * 1024)
        raise ValidationError(
            f"Le fichier dépasse la taille maximale de {limite} Mo.", code="trop_gros"
        )
    if type_reel(fichier) not in TYPES_ACCEPTES:
        raise ValidationError(
            "Ce fichier n'est ni un PDF, ni un document bureautique (Word, Excel, PowerPoint, "
            "OpenDocument), ni une archive ZIP : son contenu a été vérifié, pas seulement son nom.",
            code="type_refuse",
        )


def chemin_document(instance, nom_original: str) -> str:
    """A storage name that never reuses the uploaded name (no traversal, no collision)."""
    extension = nom_original.rsplit(".", 1)[-1].lower() if "." in nom_original else "bin"
    if not extension.isalnum() or len(extension) > 5:
        extension = "bin"
    return f"parcours/{instance.parcours_id}/{uuid.uuid4().hex}.{extension}"


def empreinte_sha256(fichier) -> str:
    sha = hashlib.sha256()
    fichier.seek(0)
    for morceau in fichier.chunks() if hasattr(fichier, "chunks") else [fichier.read()]:
        sha.update(morceau)
    fichier.seek(0)
    return sha.hexdigest()
