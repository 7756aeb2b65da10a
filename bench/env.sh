# SPDX-License-Identifier: EUPL-1.2
# Environment of the load benchmark (sourced by bench/run.sh): a DEDICATED database and Redis db 11.
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/appropriation_bench}"
export REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/11}"
export SECRET_KEY="bench-uniquement-jamais-en-production-0123456789abcdefghij"
export DEBUG=0
export SECURE_HTTPS=0
export SECURE_SSL_REDIRECT=0
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SITE_URL="http://127.0.0.1:8011"
export MEDIA_ROOT="${BENCH_MEDIA_ROOT:-/tmp/appropriation-bench-media}"
export STATIC_ROOT="${BENCH_STATIC_ROOT:-/tmp/appropriation-bench-static}"
export AXES_FAILURE_LIMIT=100000
export LOG_LEVEL=WARNING
export GUNICORN_ACCESS_LOG=/dev/null
export DJANGO_SETTINGS_MODULE=appropriation.settings
export EMAIL_URL="dummymail://"
export DJANGO_SETTINGS_MODULE=bench.settings
