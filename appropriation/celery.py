# SPDX-License-Identifier: EUPL-1.2
"""Celery application: tasks are autodiscovered in each app's ``tasks.py``.

Without ``REDIS_URL`` the settings make Celery run tasks eagerly, in process, so that the
demo needs no service; with it, a real worker and beat process consume the queue.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "appropriation.settings")

app = Celery("appropriation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
