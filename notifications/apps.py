# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Each app declares its reminders in <app>/rappels.py (see notifications.rappels).
        autodiscover_modules("rappels")
