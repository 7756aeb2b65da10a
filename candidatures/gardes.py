# SPDX-License-Identifier: EUPL-1.2
"""Guards of the application workflow: each returns the French reason it fails, or None.

The admin buttons and the front office show these same sentences.
"""

from django.utils import timezone

from core.formats import echeance


def parcours_ouvert(candidature) -> str | None:
    """Submission only while the track is published and before its deadline, to the second."""
    parcours = candidature.parcours
    if parcours.candidatures_ouvertes(timezone.now()):
        return None
    if parcours.date_limite and timezone.now() >= parcours.date_limite:
        return (
            f"La date limite de dépôt était fixée {echeance(parcours.date_limite)} : "
            "elle est dépassée, la candidature ne peut plus être déposée. "
            "Votre brouillon reste consultable."
        )
    return "Les candidatures ne sont pas ouvertes pour ce parcours."


def candidatures_closes(candidature) -> str | None:
    """Admissibility is decided once applications are closed, as the receipt announces.

    Closed means the deadline has passed (to the second), whether or not the periodic task
    has yet moved the track to "candidatures closes".
    """
    parcours = candidature.parcours
    if parcours.candidatures_ouvertes(timezone.now()):
        return (
            "Les candidatures sont ouvertes jusqu'à la date limite, "
            f"{echeance(parcours.date_limite)} : la recevabilité se vérifie à compter de leur "
            "clôture, comme l'annonce l'accusé de réception."
        )
    return None


def dossier_complet(candidature) -> str | None:
    """Every section answered, the commitment ticked and the signed engagement form attached."""
    manques = candidature.manques()
    if not manques:
        return None
    return (
        "Le dossier est incomplet : "
        + " ; ".join(f"{section} — {', '.join(elements)}" for section, elements in manques.items())
        + "."
    )


def complements_dans_le_delai(candidature) -> str | None:
    """The missing items must come back before the date staff set."""
    if candidature.complements_avant and timezone.now() >= candidature.complements_avant:
        return f"Le délai pour compléter le dossier a expiré {echeance(candidature.complements_avant)}."
    return None
