# SPDX-License-Identifier: EUPL-1.2
"""Notices the track workflow sends to its beneficiaries.

Written to the outbox inside the transition's transaction (:func:`notifications.outbox.notifier`),
so they leave only if the transition commits, and at most once per person (``cle``).
"""

from tracks.gardes import ETAT_CANDIDATURE_SELECTIONNEE

GABARIT_ARRET = "decision_arret_experimentation"


def notifier_arret(parcours) -> int:
    """Tell each beneficiary that the experimentation is stopped, why, and how to appeal.

    An early termination is a decision (Règlement art. 2): it states the appeal routes
    (COMPLIANCE 22). Recipients are those of the Bureau's decision notices.
    """
    if not hasattr(parcours, "candidatures"):
        return 0
    from comite.bureau import VOIES_DE_RECOURS, destinataires
    from notifications.outbox import notifier

    envoyes = 0
    laureates = parcours.candidatures.filter(etat=ETAT_CANDIDATURE_SELECTIONNEE).select_related(
        "territoire"
    )
    for candidature in laureates:
        for personne in destinataires(candidature):
            message = notifier(
                destinataire=personne,
                gabarit=GABARIT_ARRET,
                objet=parcours,
                contexte={
                    "parcours": parcours,
                    "candidature": candidature,
                    "motif": parcours.motif_arret,
                    "voies_de_recours": VOIES_DE_RECOURS,
                },
                cle=f"{GABARIT_ARRET}|{parcours.pk}|{personne.pk}",
            )
            envoyes += message is not None
    return envoyes
