# SPDX-License-Identifier: EUPL-1.2
"""``manage.py check --deploy`` is clean with the production settings."""

from django.core.management import call_command
from django.test import override_settings


@override_settings(
    DEBUG=False,
    SECURE_SSL_REDIRECT=True,  # off only under TESTING, where the test client speaks HTTP
    SECRET_KEY="une-vraie-cle-de-production-longue-et-aleatoire-7f3a9c1e5b2d8f4a6c0e9b7d5f3a1c8e",
)
def test_check_deploy_reports_nothing():
    call_command("check", deploy=True, fail_level="WARNING")
