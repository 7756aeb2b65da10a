# SPDX-License-Identifier: EUPL-1.2
"""The demo data, built once per test module that asks for them."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the module (slow: PDFs are rendered), rolled back after it.

    Built inside a transaction kept open for the module (each test runs in a savepoint), with
    the after-commit work run as on a real commit; rolling back, rather than flushing, keeps
    what the migrations load (territoires, periodic tasks) for the other tests.
    """
    with django_db_blocker.unblock():
        bloc = transaction.atomic()
        bloc.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True), override_settings(DEMO=True):
                call_command("donnees_demo", "--wet-run")
            yield
        finally:
            transaction.set_rollback(True)
            bloc.__exit__(None, None, None)
