# SPDX-License-Identifier: EUPL-1.2
"""The client's address, the one way every part of the portal reads it.

Behind the TLS proxy every connection comes from the proxy (``REMOTE_ADDR`` is 127.0.0.1):
the real client is in the ``X-Forwarded-For`` header the proxy appends to. That header is
written by whoever sends the request, so it is read **only** when the connection comes from a
proxy listed in ``settings.TRUSTED_PROXIES`` (addresses or networks); otherwise a forged header
would let anyone choose the address the login lock-out, the rate limits and the audit journal
see. Used by django-axes (``AXES_CLIENT_IP_CALLABLE``), django-ratelimit
(``RATELIMIT_IP_META_KEY``) and the audit journal (:func:`audit.journal.adresse_ip`).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

Reseau = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _reseaux(mandataires: tuple[str, ...]) -> tuple[Reseau, ...]:
    return tuple(ipaddress.ip_network(m.strip(), strict=False) for m in mandataires if m.strip())


def _de_confiance(adresse: str, reseaux: tuple[Reseau, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(adresse.strip())
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == reseau.version and ip in reseau for reseau in reseaux)


def mandataires_de_confiance() -> tuple[Reseau, ...]:
    """The networks of ``settings.TRUSTED_PROXIES`` (an invalid entry fails loudly)."""
    return _reseaux(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def adresse_client(request: HttpRequest | None) -> str | None:
    """The address of whoever sent ``request``, as far as the portal can trust it.

    Without a trusted proxy in front, ``REMOTE_ADDR``. Through one, the right-most address of
    ``X-Forwarded-For`` that is not itself one of our proxies: the left part of the header is
    whatever the client sent and is never believed.
    """
    if request is None:
        return None
    distante = request.META.get("REMOTE_ADDR") or None
    reseaux = mandataires_de_confiance()
    if not distante or not reseaux or not _de_confiance(distante, reseaux):
        return distante
    chaine = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    # Our own proxies at the end of the chain (a load balancer before nginx) are skipped.
    mandataires = 0
    while mandataires < len(chaine) - 1 and _de_confiance(chaine[-1 - mandataires], reseaux):
        mandataires += 1
    ip, _routable = get_client_ip(
        request,
        proxy_count=mandataires,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return ip or distante


def cle_ratelimit(request: HttpRequest) -> str:
    """django-ratelimit's ``RATELIMIT_IP_META_KEY``: the same address, never empty."""
    return adresse_client(request) or "0.0.0.0"  # noqa: S104 - an address, not a bind
