# SPDX-License-Identifier: EUPL-1.2
"""Exports of a track's applications for staff: CSV (formula-safe) and a zip of the files.

Both go through ``Candidature.objects.visibles_par(user)`` and write an EXPORT entry in the
audit journal.
"""

import csv
import io
import zipfile

from audit.journal import enregistrer
from audit.models import Evenement
from core.formats import horodatage, neutraliser_csv
from tracks.criteres import Critere

COLONNES = [
    ("Parcours", lambda c: c.parcours.titre),
    ("Territoire", lambda c: c.territoire.nom),
    ("Code", lambda c: c.territoire.code),
    ("EPT", lambda c: c.territoire.ept.nom if c.territoire.ept else ""),
    ("État", lambda c: c.get_etat_display()),
    ("Numéro d'accusé de réception", lambda c: c.numero or ""),
    ("Déposée le", lambda c: horodatage(c.deposee_le) if c.deposee_le else ""),
    ("Dossier complet", lambda c: "oui" if not c.manques() else "non"),
    *((c.label, lambda x, champ=c.value: getattr(x, champ)) for c in Critere),
    ("Contact", lambda c: c.contact_nom),
    ("Courriel du contact", lambda c: c.contact_email),
    ("Téléphone du contact", lambda c: c.contact_telephone),
    ("Représentant légal", lambda c: c.representant_nom),
    ("Qualité", lambda c: c.representant_qualite),
    ("Engagement deux phases", lambda c: "oui" if c.engagement_deux_phases else "non"),
]


def csv_candidatures(candidatures, *, par) -> bytes:
    """UTF-8 with BOM and semicolons, as French spreadsheet software expects."""
    candidatures = list(candidatures)
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";")
    ecrivain.writerow([titre for titre, _ in COLONNES])
    for candidature in candidatures:
        ecrivain.writerow([neutraliser_csv(valeur(candidature)) for _, valeur in COLONNES])
    _journaliser(candidatures, par=par, format_="csv")
    return ("\ufeff" + tampon.getvalue()).encode("utf-8")


def zip_pieces(candidatures, *, par) -> bytes:
    """Every attachment, one folder per territoire, with a SHA-256 manifest."""
    candidatures = list(candidatures)
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        manifeste = []
        for candidature in candidatures:
            dossier = f"{candidature.territoire.code}-{candidature.territoire.nom}"
            for piece in candidature.pieces.all():
                nom = f"{dossier}/{piece.pk}-{piece.nom}"
                with piece.fichier.open("rb") as fichier:
                    archive.writestr(nom, fichier.read())
                manifeste.append(f"{piece.sha256}  {nom}")
        archive.writestr("SHA256SUMS.txt", "\n".join(manifeste) + "\n")
    _journaliser(candidatures, par=par, format_="zip")
    return tampon.getvalue()


def _journaliser(candidatures, *, par, format_: str) -> None:
    enregistrer(
        action=Evenement.Action.EXPORT,
        acteur=par,
        commentaire=f"Export {format_.upper()} de {len(candidatures)} candidature(s)",
        donnees={"format": format_, "candidatures": [c.pk for c in candidatures]},
    )
