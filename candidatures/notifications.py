# SPDX-License-Identifier: EUPL-1.2
"""Messages to applicants, written to the outbox inside the transition's transaction.

Called from the transition methods (before django-fsm sets the new state), so each function
passes the decision explicitly instead of reading ``candidature.etat``.
"""

from django.conf import settings

from candidatures.accuses import etapes_suivantes
from notifications.outbox import notifier


def _destinataires(candidature) -> list:
    """The agent who submitted (or, failing that, who started) the application."""
    personne = candidature.deposee_par or candidature.creee_par
    return [personne] if personne is not None else []


def accuse_de_reception(candidature) -> None:
    """Receipt e-mail to the submitting agent (mandatory message, once per number)."""
    for destinataire in _destinataires(candidature):
        notifier(
            destinataire=destinataire,
            gabarit="accuse_reception_candidature",
            objet=candidature,
            contexte={
                "candidature": candidature,
                "pieces": list(candidature.pieces.all()),
                "etapes": etapes_suivantes(candidature),
                "service": settings.SERVICE_INSTRUCTEUR,
            },
            cle=f"accuse_reception_candidature|{candidature.numero}|{destinataire.pk}",
        )


def a_completer(candidature) -> None:
    for destinataire in _destinataires(candidature):
        notifier(
            destinataire=destinataire,
            gabarit="decision_candidature_a_completer",
            objet=candidature,
            contexte={"candidature": candidature},
        )


def recevabilite(candidature, *, admissible: bool) -> None:
    for destinataire in _destinataires(candidature):
        notifier(
            destinataire=destinataire,
            gabarit="decision_recevabilite_candidature",
            objet=candidature,
            contexte={"candidature": candidature, "admissible": admissible},
        )


def complements_recus(candidature) -> None:
    """Receipt of the completed file (same number, new time of receipt)."""
    from django.utils import timezone

    recu_le = timezone.now()
    for destinataire in _destinataires(candidature):
        notifier(
            destinataire=destinataire,
            gabarit="accuse_reception_complements",
            objet=candidature,
            contexte={
                "candidature": candidature,
                "recu_le": recu_le,
                "pieces": list(candidature.pieces.all()),
            },
        )
