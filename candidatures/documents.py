# SPDX-License-Identifier: EUPL-1.2
"""Printable documents of an application: the whole file, the blank questionnaire; diffs."""

import datetime as dt

from core.pdf import rendre_pdf
from tracks.criteres import QUESTIONS, Critere


def sections(candidature) -> list[dict]:
    """The six criteria with their question and the application's answer."""
    return [
        {
            "champ": c.value,
            "titre": c.label,
            "question": QUESTIONS[c],
            "reponse": getattr(candidature, c.value) if candidature is not None else "",
        }
        for c in Critere
    ]


def pdf_dossier(candidature, *, maintenant: dt.datetime) -> bytes:
    return rendre_pdf(
        "candidatures/pdf/dossier.html",
        {
            "candidature": candidature,
            "sections": sections(candidature),
            "pieces": list(candidature.pieces.all()),
            "manques": candidature.manques(),
            "maintenant": maintenant,
        },
        titre=f"Candidature de {candidature.territoire.nom} — {candidature.parcours.titre}",
    )


def pdf_questionnaire(parcours) -> bytes:
    return rendre_pdf(
        "candidatures/pdf/questionnaire.html",
        {"parcours": parcours, "sections": sections(None)},
        titre=f"Questionnaire de candidature — {parcours.titre}",
    )


def differences(actuelle, saisies: dict) -> list[dict]:
    """Fields where the colleague's saved version differs from what this agent typed."""
    resultat = []
    for champ, valeur in saisies.items():
        enregistree = getattr(actuelle, champ)
        if enregistree != valeur:
            resultat.append(
                {
                    "libelle": actuelle._meta.get_field(champ).verbose_name,
                    "enregistree": enregistree,
                    "saisie": valeur,
                }
            )
    return resultat
