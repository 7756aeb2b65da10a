# SPDX-License-Identifier: EUPL-1.2
"""Rate limits of the anonymous forms that send mail or write rows.

Without them the accessibility report was a mail relay: anyone could make the portal send an
official message to any address, twenty times a second. Each form counts its valid
submissions twice, with django-ratelimit: per client address (``core.adresse_client``, so
that behind the proxy two clients are told apart) and per target e-mail address (lower-case),
at the rates of ``settings.LIMITE_FORMULAIRES_PAR_IP`` and ``LIMITE_FORMULAIRES_PAR_ADRESSE``.
Only valid submissions count: a person correcting a typo is not slowed down, and an invalid
one writes and sends nothing anyway. If the cache (Redis) is unreachable the forms stay open,
like the rest of the portal (``RATELIMIT_FAIL_OPEN``), and a warning is logged.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

MESSAGE_LIMITE = (
    "Trop de demandes ont été envoyées depuis votre connexion ou pour cette adresse "
    "électronique. Rien n'a été enregistré ni envoyé : réessayez dans une heure."
)


def _taux_par_ip(group: str, request: HttpRequest) -> str:
    return settings.LIMITE_FORMULAIRES_PAR_IP


def _taux_par_adresse(group: str, request: HttpRequest) -> str:
    return settings.LIMITE_FORMULAIRES_PAR_ADRESSE


def depasse(request: HttpRequest, *, formulaire: str, adresse: str) -> bool:
    """Count this submission of ``formulaire`` for ``adresse``; True when over either limit.

    Both counters are increased on each call, so that an address flooded from many clients
    and a client flooding many addresses are both stopped.
    """
    try:
        par_ip = is_ratelimited(
            request, group=f"{formulaire}:ip", key="ip", rate=_taux_par_ip, increment=True
        )
        par_adresse = is_ratelimited(
            request,
            group=f"{formulaire}:adresse",
            key=lambda group, request: adresse.strip().lower(),
            rate=_taux_par_adresse,
            increment=True,
        )
    except Exception:  # noqa: BLE001 - cache unreachable: the form still works, as the pages do
        logger.warning("Cache injoignable : limite du formulaire %s non comptée", formulaire)
        return False
    return par_ip or par_adresse
