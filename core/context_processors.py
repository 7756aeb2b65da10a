# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings


def portail(request):
    """What every page's header and footer need: conformance status, service contact."""
    return {
        "ACCESSIBILITE_CONFORMITE": settings.ACCESSIBILITE_CONFORMITE,
        "SERVICE_INSTRUCTEUR": settings.SERVICE_INSTRUCTEUR,
        "HEBERGEUR": settings.HEBERGEUR,
        "DPO_COURRIEL": settings.DPO_COURRIEL,
        "COOKIES": settings.COOKIES_STRICTEMENT_NECESSAIRES,
    }
