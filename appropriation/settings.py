# SPDX-License-Identifier: EUPL-1.2
"""The one settings module, read from the environment (12-factor).

Without any variable set, the project runs as the demo does: SQLite file, Celery eager, mails
on the console. Production sets ``DEBUG=False``, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``DATABASE_URL``, ``REDIS_URL`` and ``EMAIL_URL`` (see ``docs/deploiement.md``).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.http import is_same_domain

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("TESTING", default=False)
# Demo data (published passwords, public TOTP key) may be created only where DEBUG is on, or
# where DEMO=1 says so explicitly; production (DEBUG off) refuses to start with DEMO=1.
DEMO = env.bool("DEMO", default=False)
if DEMO and not (DEBUG or TESTING):
    raise ImproperlyConfigured(
        "DEMO=1 est refusé avec DEBUG=0 : les données de démonstration (mots de passe publiés) "
        "ne vont jamais en production."
    )

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        # Development and tests only; production refuses to start without a real key.
        SECRET_KEY = "insecure-development-key-not-for-production-use-0123456789abcdef"
    else:
        raise ImproperlyConfigured("La variable d'environnement SECRET_KEY est obligatoire.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The one base of every absolute link in e-mails and notices (core.liens), never the request's
# Host header. Production refuses to start without a real one (checked below).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if not SITE_URL and (DEBUG or TESTING):
    SITE_URL = "http://127.0.0.1:8000"

INSTALLED_APPS = [
    # Before the admin so that its admin/base_site.html (unread count in the header) wins.
    "notifications",
    "core.admin_site.AdminPortailConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Third party
    "crispy_forms",
    "crispy_bootstrap5",
    "django_fsm",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_ratelimit",
    # The portal
    "core",
    "audit",
    "territoires",
    "accounts",
    "tracks",
    "candidatures",
    "comite",
    "conventions",
    "suivi",
]

MIDDLEWARE = [
    # Above WhiteNoise: static files get these headers too.
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.PagesPersonnellesNonConserveesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.sessions.RenouvellementSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: refuses an oversized login body before anything reads it (headers still added).
    "core.middleware.LimiteCorpsConnexionMiddleware",
]

ROOT_URLCONF = "appropriation.urls"
WSGI_APPLICATION = "appropriation.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portail",
                "notifications.context_processors.non_lues",
                "accounts.context_processors.session",
            ],
        },
    },
]

(BASE_DIR / "var").mkdir(exist_ok=True)  # local SQLite file and uploads of the demo
# An empty DATABASE_URL (as `make demo` exports it) means the local SQLite file too.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Each worker repeats the same few dozen queries (session, user, page lists): with
    # server-side binding, psycopg prepares a query from its fifth run on a connection and
    # PostgreSQL stops planning it again, which halved the database time of the signed-in pages
    # (docs/performance.md). Turn off behind a PgBouncer in transaction mode.
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )
    # PostgreSQL's default cost of a random page read (4) is that of a spinning disk: on SSD or
    # with the database in memory it chose sequential scans of whole tables over index lookups
    # for the committee's lists (5 ms instead of 2.6; docs/performance.md). 1.1 is the usual SSD
    # value. Empty: the server's own setting (e.g. behind a PgBouncer that refuses "options").
    if cout_page := env.str("DB_RANDOM_PAGE_COST", default="1.1"):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={float(cout_page)}"
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# ANSSI recommendations: long passwords, several character classes, no common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.ComplexiteAnssiValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:tableau_de_bord"
LOGOUT_REDIRECT_URL = "core:accueil"

LANGUAGE_CODE = "fr-fr"
# The project's corrections of third-party labels (locale/fr: e.g. "Tâches périodiques").
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Production names both folders: a default under the code (read-only under systemd) or an
# empty value (an environment file that stopped loading half-way) gave a 500 on every page.
for _dossier in ("STATIC_ROOT", "MEDIA_ROOT"):
    if not (DEBUG or TESTING or Path(env.str(_dossier, default="") or ".").is_absolute()):
        raise ImproperlyConfigured(
            f"La variable d'environnement {_dossier} est obligatoire en production "
            f"(chemin absolu, voir deploy/appropriation.env.exemple)."
        )
STATIC_ROOT = Path(env.str("STATIC_ROOT", default="") or BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files live outside the static root and are served only by views that check rights.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or BASE_DIR / "var" / "media")
MEDIA_URL = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not (DEBUG or TESTING))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Several web machines: uploads on S3-compatible object storage (French-hosted provider), still
# private and served only through the views (``pip install -e ".[s3]"``, docs/deploiement.md).
S3_BUCKET = env.str("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "signature_version": "s3v4",
        },
    }
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 35 * 1024 * 1024

# Mail: console in the demo, SMTP in production (EMAIL_URL=smtp+tls://user:pass@host:587).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL",
    default="ApproprIAtion Métropolitaine <appropriation@metropolegrandparis.fr>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10

# Redis: broker, cache. Without it, Celery runs tasks in process and the cache is local.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_PREFIX", default="appropriation"),
        }
    }
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker outage must not hang a request: publishing gives up fast, the outbox sweep retries.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Sessions: in the database (stateless web processes), one hour of inactivity; renewed at most
# once a minute by accounts.sessions.RenouvellementSessionMiddleware, not on every request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=3600)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# HTTP hardening. Secure cookies and HTTPS redirect everywhere but the local demo.
SECURE_HTTPS = env.bool("SECURE_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
LANGUAGE_COOKIE_SECURE = SECURE_HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SECURE_HTTPS and not TESTING)
# The load balancer's health check polls gunicorn (or nginx's port 80) over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^sante$"]
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.views.refus_csrf"
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies (addresses or networks) whose X-Forwarded-For is believed; empty: REMOTE_ADDR
# only. One helper reads the client's address for axes, the rate limits and the journal
# (core.adresse_client). List only the proxies themselves: a client inside a listed network
# could choose its address.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])


def _site_url_valide(url: str) -> bool:
    """An address of this portal: one of ALLOWED_HOSTS, in HTTPS when the portal is."""
    adresse = urlsplit(url)
    return (
        adresse.scheme in ("https", "http")
        and (adresse.scheme == "https" or not SECURE_HTTPS)
        and bool(adresse.hostname)
        and adresse.path in ("", "/")
        and not adresse.query
        and any(is_same_domain(adresse.hostname, hote) for hote in ALLOWED_HOSTS if hote != "*")
    )


if not (DEBUG or TESTING) and not _site_url_valide(SITE_URL):
    # Links in e-mails would otherwise point to the demo's address (or elsewhere).
    raise ImproperlyConfigured(
        "La variable d'environnement SITE_URL est obligatoire : l'adresse publique du portail "
        "(https://…), dont le nom figure dans ALLOWED_HOSTS."
    )

# No page of the portal uses these browser features; an injected script or frame cannot either.
PERMISSIONS_POLICY = {
    fonction: []
    for fonction in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Login throttling (django-axes): five failures lock the account/address pair for 15 minutes,
# the address being the client's behind the trusted proxy, never the proxy's.
AXES_CLIENT_IP_CALLABLE = "core.adresse_client.adresse_client"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/verrouille.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# A login form is under 1 KiB: a bigger body is refused (413) before being parsed.
LIMITE_CORPS_CONNEXION = 16 * 1024
CHEMINS_CONNEXION = ["accounts:login", "admin:login"]

# Anonymous forms that send mail or write rows (accessibility report, sign-up, password
# reset) are limited per client address and per target e-mail address (django-ratelimit,
# core.limites); counters live in the shared cache.
LIMITE_FORMULAIRES_PAR_IP = env.str("LIMITE_FORMULAIRES_PAR_IP", default="20/h")
LIMITE_FORMULAIRES_PAR_ADRESSE = env.str("LIMITE_FORMULAIRES_PAR_ADRESSE", default="5/h")
RATELIMIT_IP_META_KEY = "core.adresse_client.cle_ratelimit"
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True  # a cache outage must not close sign-up and the complaint channel
# W001: Django's own RedisCache is not on django-ratelimit's list, but its incr() is Redis's
# atomic INCR, which is all the counters need.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    # E003: without Redis (demo, tests) the cache is per process; one process there.
    # Production sets REDIS_URL (docs/deploiement.md), so the counters are shared.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

OTP_TOTP_ISSUER = "ApproprIAtion Métropolitaine"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
CRISPY_FAIL_SILENTLY = not DEBUG

MESSAGE_TAGS = {40: "danger"}

# The service in charge, printed on receipts and notices (CRPA art. L112-11).
SERVICE_INSTRUCTEUR = {
    "nom": env.str(
        "SERVICE_NOM",
        default="Métropole du Grand Paris — Direction de l'innovation numérique",
    ),
    "adresse": env.str("SERVICE_ADRESSE", default="15-19 avenue Pierre Mendès-France, 75013 Paris"),
    "courriel": env.str("SERVICE_COURRIEL", default="appropriation@metropolegrandparis.fr"),
    "telephone": env.str("SERVICE_TELEPHONE", default="01 82 28 78 00"),
}
HEBERGEUR = {
    "nom": env.str("HEBERGEUR_NOM", default="Hébergeur à renseigner (HEBERGEUR_NOM)"),
    "adresse": env.str("HEBERGEUR_ADRESSE", default="adresse à renseigner (HEBERGEUR_ADRESSE)"),
    "telephone": env.str("HEBERGEUR_TELEPHONE", default="à renseigner (HEBERGEUR_TELEPHONE)"),
}
# Minimum notice, in hours, between moving a published call's deadline and the new deadline
# (tracks/echeances.py, docs/guide-staff.md): territoires must have time to react.
DELAI_MINIMAL_REPORT_ECHEANCE = env.int("DELAI_MINIMAL_REPORT_ECHEANCE", default=72)
# Retention periods of personal data (accounts/rgpd.py, daily task; docs/donnees-personnelles.md).
RETENTION_COMPTES_INACTIFS_JOURS = env.int("RETENTION_COMPTES_INACTIFS_JOURS", default=3 * 365)
RETENTION_MESSAGES_JOURS = env.int("RETENTION_MESSAGES_JOURS", default=2 * 365)
RETENTION_ADRESSES_IP_JOURS = env.int("RETENTION_ADRESSES_IP_JOURS", default=365)
DPO_COURRIEL = env.str("DPO_COURRIEL", default="dpo@metropolegrandparis.fr")
# RGAA conformance status shown in every footer: "non", "partiellement" or "totalement".
ACCESSIBILITE_CONFORMITE = env.str("ACCESSIBILITE_CONFORMITE", default="partiellement")

# Upload limits (issue: 10 MB per file, 30 MB per application).
UPLOAD_MAX_FICHIER = 10 * 1024 * 1024
UPLOAD_MAX_DOSSIER = 30 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.logging.JsonFormatter"},
        "simple": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="simple"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only) would print each 403/404/500 a second time
        # beside the root's: everything of Django goes through the root handler, once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # One INFO line per rendering step and per font subset: noise, not events.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
