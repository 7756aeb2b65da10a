# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        from accounts import (
            signaux,  # noqa: F401 - log-ins and failures to the audit journal
            tableau,  # noqa: F401 - its sections of the start page
        )
        from accounts.roles import synchroniser_groupes

        post_migrate.connect(synchroniser_groupes, dispatch_uid="accounts.synchroniser_groupes")
