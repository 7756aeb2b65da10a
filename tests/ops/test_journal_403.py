# SPDX-License-Identifier: EUPL-1.2
"""A refused page is logged once, with DEBUG on (the demo) as in production.

Counted the way ``logging`` emits: every handler met from ``django.request`` up to the root
whose level and filters let the 403's record through.
"""

import logging

import pytest


def _sorties(record: logging.LogRecord) -> list[logging.Handler]:
    sorties = []
    journal = logging.getLogger(record.name)
    while journal:
        sorties += [
            h
            for h in journal.handlers
            if not type(h).__module__.startswith("_pytest")  # pytest's own capture
            and record.levelno >= h.level
            and h.filter(record)
        ]
        if not journal.propagate:
            break
        journal = journal.parent
    return sorties


@pytest.mark.parametrize("debug", [False, True])
def test_a_403_is_logged_once(settings, debug):
    settings.DEBUG = debug
    record = logging.getLogger("django.request").makeRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Forbidden (Permission denied): %s",
        ("/candidatures/1/",),
        None,
    )
    assert len(_sorties(record)) == 1
