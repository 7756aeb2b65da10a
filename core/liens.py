# SPDX-License-Identifier: EUPL-1.2
"""Absolute links to the portal, for e-mails, notices and published files.

Always built from ``settings.SITE_URL``, never from the request: the ``Host`` header (and its
port) is chosen by whoever sends the request, so a password-reset link built from it could
point to another server. ``ALLOWED_HOSTS`` checks the name, not the port.
"""

from django.conf import settings
from django.urls import reverse


def url_absolue(chemin: str) -> str:
    """``SITE_URL`` followed by ``chemin`` (a path starting with ``/``)."""
    return settings.SITE_URL.rstrip("/") + "/" + chemin.lstrip("/")


def url_absolue_de(nom: str, *args, **kwargs) -> str:
    """The absolute link of a named URL: ``url_absolue(reverse(nom, args=…, kwargs=…))``."""
    return url_absolue(reverse(nom, args=args or None, kwargs=kwargs or None))
