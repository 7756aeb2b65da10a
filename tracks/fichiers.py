# SPDX-License-Identifier: EUPL-1.2
"""Checks on the documents staff attach to a track: by content, not by the name's extension.

The files are stored under ``MEDIA_ROOT`` (never served by the web server: ``MEDIA_URL`` is
``None``) and reach the public only through :func:`tracks.views.telecharger_document`.
"""

import hashlib
import uuid

from core.uploads import BUREAUTIQUE, PDF, nom_sain, type_detecte, verifier_fichier

# What a track's documents may be: PDF and office formats (Microsoft and OpenDocument), plus
# ZIP for a communication kit (logos, templates). Detected from the bytes by core.uploads.
TYPES_ACCEPTES = frozenset({PDF, *BUREAUTIQUE, "application/zip"})


def type_reel(fichier) -> str | None:
    """The MIME type read from the file's content (``None`` when unknown); used by suivi too."""
    position = fichier.tell() if hasattr(fichier, "tell") else 0
    fichier.seek(0)
    contenu = fichier.read()
    fichier.seek(position)
    return type_detecte(contenu)


def verifier_document(fichier) -> None:
    """Refuse a file that is too large or whose content is not PDF / office / ZIP."""
    verifier_fichier(fichier, types_acceptes=TYPES_ACCEPTES)


def nom_affiche(nom: str) -> str:
    """The uploaded name made harmless, only ever displayed (storage uses a generated name)."""
    return nom_sain(nom)


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
