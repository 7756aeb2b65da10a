# SPDX-License-Identifier: EUPL-1.2
"""Gunicorn in production: ``gunicorn -c gunicorn.conf.py appropriation.wsgi``.

Everything comes from the environment (see docs/deploiement.md). The web processes keep no
state: sessions are in the database, uploads on disk or object storage, so several machines
can run this same configuration behind a load balancer.
"""

import datetime as dt
import json
import multiprocessing
import os
import re
import types
from pathlib import Path

from gunicorn.glogging import Logger

wsgi_app = "appropriation.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Synchronous workers: each request holds one database connection; CPU-bound PDF generation
# runs in Celery, not here. Default: 2 × CPU + 1, capped so PostgreSQL keeps connections free.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Uploads of 30 MB on a slow municipal link take time; anything longer is a stuck worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then so that a slow leak (WeasyPrint, fonts) never grows unbounded;
# but rarely: a new worker imports the whole application again (1.2 s of CPU here). At 1,000
# requests, the load bench restarted a worker every few seconds, which cost the minimal view
# a fifth of its throughput (docs/performance.md). Memory stays flat at ~130 MB per worker.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "1000"))
# Behind the reverse proxy that terminates TLS (BEHIND_PROXY=1 in the Django settings).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Off by default: each worker imports the app itself, so no connection is ever shared by fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "0") == "1"

# gunicornc's control socket: under the run directory (systemd's RuntimeDirectory=, otherwise
# var/run of the checkout), named after the bound address. Gunicorn's default, one file in the
# user's home, is read-only under the systemd hardening, and two instances on one machine (the
# load bench's two, a blue-green switch) took the same socket from each other.
dossier_execution = Path(
    os.environ.get("RUNTIME_DIRECTORY", "").split(":")[0]
    or Path(__file__).resolve().parent / "var" / "run"
)
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or str(
    dossier_execution / f"gunicorn-{re.sub(r'[^A-Za-z0-9.]+', '-', bind).strip('-')}.ctl"
)

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
capture_output = True


def adresse_client(environ: dict) -> str | None:
    """The client behind the trusted proxy, read by the portal's one helper (core.adresse_client).

    Imported when a line is written: by then the worker has loaded Django and its settings.
    """
    try:
        from core.adresse_client import adresse_client as lire

        return lire(types.SimpleNamespace(META=environ))
    except Exception:  # noqa: BLE001 - a log line must never break a response
        return environ.get("REMOTE_ADDR")


class JournalAccesJson(Logger):
    """One JSON object per request on the access log, with the request id of the application.

    The id is the ``X-Request-ID`` response header set by ``core.middleware.RequestIdMiddleware``,
    so that an access line and the application's log lines of the same request share it.
    """

    def access(self, resp, req, environ, request_time):  # noqa: D401 - gunicorn's signature
        if not self.access_log_enabled:
            return
        atomes = self.atoms(resp, req, environ, request_time)
        ligne = {
            "time": dt.datetime.now(dt.UTC).isoformat(),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": atomes.get("{x-request-id}o", "-"),
            "remote_addr": atomes.get("h"),
            "client_addr": adresse_client(environ),
            "method": atomes.get("m"),
            "path": atomes.get("U"),
            "query": atomes.get("q") or "",
            "status": int(str(atomes.get("s", "0"))[:3] or 0),
            "bytes": atomes.get("B"),
            "duration_ms": atomes.get("M"),
            "user_agent": atomes.get("a"),
        }
        try:
            self.access_log.info(json.dumps(ligne, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - a log line must never break a response
            self.exception("Ligne de journal d'accès impossible à écrire")


logger_class = JournalAccesJson
