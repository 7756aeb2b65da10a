# SPDX-License-Identifier: EUPL-1.2
"""Small French formatting helpers for messages built in Python."""

import datetime as dt

from core import formats


def date_fr(jour: dt.date | None) -> str:
    """ "15 janvier 2026" (the portal's long date format), or "date non fixée"."""
    if jour is None:
        return "date non fixée"
    return formats.date_longue(jour)
