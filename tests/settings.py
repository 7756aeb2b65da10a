# SPDX-License-Identifier: EUPL-1.2
"""The small test override of the one settings module."""

import os
import tempfile

os.environ.setdefault("TESTING", "1")

from appropriation.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="appropriation-media-"))  # noqa: F405
# live_server wraps its app in a media handler that cannot parse MEDIA_URL = None (every page
# would answer 500); a URL nobody links to keeps uploads unreachable by URL in practice.
MEDIA_URL = "/media-tests-non-publie/"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that need the real broker start their own worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
