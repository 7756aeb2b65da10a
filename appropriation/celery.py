# SPDX-License-Identifier: EUPL-1.2
"""Celery application: tasks are autodiscovered in each app's ``tasks.py``.

Without ``REDIS_URL`` the settings make Celery run tasks eagerly, in process, so that the
demo needs no service; with it, a real worker and beat process consume the queue.
"""

import logging.config
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "appropriation.settings")

app = Celery("appropriation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def journaux_du_projet(**kwargs) -> None:
    """Worker and beat log through the project's ``LOGGING``, as the web processes do.

    Connecting this signal keeps Celery from installing its own plain-text handlers, so with
    ``LOG_FORMAT=json`` a task's lines are one JSON object each, like gunicorn's and Django's.
    """
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
