# SPDX-License-Identifier: EUPL-1.2
"""The small test override of the one settings module."""

import os
import tempfile

os.environ.setdefault("TESTING", "1")

from appropriation.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="appropriation-media-"))  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that need the real broker start their own worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
