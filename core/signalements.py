# SPDX-License-Identifier: EUPL-1.2
"""The accessibility complaint channel: record, acknowledge, forward to the service."""

from django.conf import settings
from django.db import transaction

from core.models import SignalementAccessibilite


@transaction.atomic
def signaler(
    *, nom: str, email: str, page: str, description: str, user=None
) -> SignalementAccessibilite:
    """Record the report; the receipt and the service's copy leave after commit."""
    from notifications.outbox import notifier

    signalement = SignalementAccessibilite.objects.create(
        nom=nom, email=email, page=page, description=description
    )
    contexte = {"signalement": signalement}
    notifier(
        destinataire=user if user is not None and user.is_authenticated else None,
        adresse=email,
        gabarit="accuse_signalement_accessibilite",
        objet=signalement,
        contexte=contexte,
        cle=f"accuse-signalement-accessibilite-{signalement.pk}",
    )
    notifier(
        adresse=settings.SERVICE_INSTRUCTEUR["courriel"],
        gabarit="signalement_accessibilite",
        objet=signalement,
        contexte=contexte,
        cle=f"signalement-accessibilite-{signalement.pk}",
    )
    return signalement
