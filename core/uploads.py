# SPDX-License-Identifier: EUPL-1.2
"""Checking uploaded files by their content, not by their name.

Reusable by every app: :func:`verifier_fichier` reads the bytes (PDF: ``%PDF-`` signature and
a real parse with pypdf; images and office documents: ``filetype`` signatures), enforces the
size limit, and returns the detected type. :func:`nom_sain` turns any uploaded name into a
harmless display name (no directories, no control characters, bounded length). Files are
stored under a generated name; the sane name is only shown and used in downloads.
"""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

PDF = "application/pdf"
IMAGES = {"image/png": "png", "image/jpeg": "jpg"}
BUREAUTIQUE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
EXTENSIONS = {PDF: "pdf", **IMAGES, **BUREAUTIQUE}

LIBELLES = {
    PDF: "PDF",
    **dict.fromkeys(IMAGES, "image"),
    **dict.fromkeys(BUREAUTIQUE, "document bureautique"),
}


@dataclass(frozen=True)
class FichierVerifie:
    type_contenu: str
    extension: str
    taille: int
    sha256: str


def _lire(fichier) -> bytes:
    fichier.seek(0)
    contenu = b"".join(fichier.chunks()) if hasattr(fichier, "chunks") else fichier.read()
    fichier.seek(0)
    return contenu


def _est_un_pdf(contenu: bytes) -> bool:
    """Signature at the start, and pypdf can read its pages: a renamed file fails one or the other."""
    if not contenu.startswith(b"%PDF-"):
        return False
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(contenu)).pages) >= 1
    except Exception:  # any parse error means "not a PDF we accept"
        return False


def type_detecte(contenu: bytes) -> str | None:
    """The MIME type read from the bytes, or ``None`` when it is none we know."""
    if contenu.startswith(b"%PDF-"):
        return PDF if _est_un_pdf(contenu) else None
    genre = filetype.guess(contenu[:8192])
    return genre.mime if genre else None


def mo(octets: int) -> str:
    return f"{octets / (1024 * 1024):.0f} Mo"


def verifier_fichier(
    fichier, *, types_acceptes: set[str] | frozenset[str], taille_max: int | None = None
) -> FichierVerifie:
    """Refuse a file too large or whose content is not one of ``types_acceptes``.

    Raises :class:`~django.core.exceptions.ValidationError` with a French message; returns
    the detected type, size and SHA-256 otherwise.
    """
    taille_max = taille_max or settings.UPLOAD_MAX_FICHIER
    if fichier.size > taille_max:
        raise ValidationError(
            f"Le fichier « {nom_sain(getattr(fichier, 'name', ''))} » pèse "
            f"{fichier.size / (1024 * 1024):.1f} Mo : la taille maximale est de {mo(taille_max)}.",
            code="trop_gros",
        )
    if fichier.size == 0:
        raise ValidationError("Le fichier est vide.", code="vide")
    contenu = _lire(fichier)
    mime = type_detecte(contenu)
    if mime not in types_acceptes:
        attendus = sorted({LIBELLES.get(t, t) for t in types_acceptes})
        raise ValidationError(
            "Le contenu de ce fichier n'est pas accepté : formats attendus "
            f"{', '.join(attendus)}. Le contenu du fichier a été vérifié, pas seulement son nom.",
            code="type_refuse",
        )
    return FichierVerifie(
        type_contenu=mime,
        extension=EXTENSIONS.get(mime, "bin"),
        taille=len(contenu),
        sha256=hashlib.sha256(contenu).hexdigest(),
    )


def nom_sain(nom: str, *, extension: str | None = None, longueur_max: int = 120) -> str:
    """A display name without directories, control or unsafe characters; extension enforced.

    ``../../etc/passwd`` becomes ``passwd``; the extension, when given, is the one of the
    detected content (a ``.exe`` renamed ``.pdf`` never reaches this point).
    """
    nom = unicodedata.normalize("NFC", str(nom or ""))
    nom = re.split(r"[\\/]", nom)[-1]
    nom = "".join(c for c in nom if unicodedata.category(c)[0] != "C")
    nom = re.sub(r'[<>:"|?*;]', "_", nom).strip()
    base = nom.rsplit(".", 1)[0] if "." in nom else nom
    base = base.strip(" .") or "document"
    if extension:
        return f"{base[: longueur_max - len(extension) - 1]}.{extension}"
    return nom.strip(" .")[:longueur_max] or "document"
