# SPDX-License-Identifier: EUPL-1.2
"""Settings of the load benchmark only: production settings plus the baseline URL.

Never used in production: ``bench/env.sh`` selects it for gunicorn and the workers of
``bench/run.sh`` so that ``/bench/baseline/`` exists there and nowhere else.
"""

from appropriation.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
