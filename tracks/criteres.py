# SPDX-License-Identifier: EUPL-1.2
"""The six selection criteria of the Règlement, art. 5.2.

One list for the application form, the scoring grid, the aggregates and the public pages.
"""

from django.db import models


class Critere(models.TextChoices):
    CONTEXTE = "contexte", "Contexte local et enjeux liés à la thématique"
    RESSOURCES_HUMAINES = "ressources_humaines", "Ressources humaines mobilisées"
    DISPONIBILITE = "disponibilite", "Disponibilité pendant l'expérimentation"
    PERIMETRE = "perimetre", "Périmètre d'expérimentation envisagé"
    MOYENS_MATERIELS = "moyens_materiels", "Moyens matériels mis à disposition"
    MOTIVATION = "motivation", "Intérêt et motivation"


# What each criterion asks the applicant, shown in the form and in the printable questionnaire.
QUESTIONS: dict[str, str] = {
    Critere.CONTEXTE: (
        "Décrivez le contexte de votre territoire et les enjeux qui le relient à la thématique "
        "du parcours."
    ),
    Critere.RESSOURCES_HUMAINES: (
        "Quelles ressources humaines mobiliserez-vous : agents, services, sous-traitants ?"
    ),
    Critere.DISPONIBILITE: (
        "Quelle sera la disponibilité de vos équipes pendant la phase 1 (ateliers) et "
        "l'expérimentation ?"
    ),
    Critere.PERIMETRE: "Quel périmètre d'expérimentation envisagez-vous (services, sites, publics) ?",
    Critere.MOYENS_MATERIELS: (
        "Quels moyens matériels mettrez-vous à disposition : équipements, données, accès aux "
        "infrastructures, bâtiments, voirie ?"
    ),
    Critere.MOTIVATION: "Quels sont votre intérêt et votre motivation pour ce parcours ?",
}
