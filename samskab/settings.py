"""Django settings, driven by environment variables; SQLite in a local data folder by default.

Every variable is described in docs/deployment.md; in short:

SAMSKAB_DATA_DIR       folder for the SQLite database, uploads and fact-base stores (./data)
SAMSKAB_SECRET_KEY     required in production; a local plain-http installation (the demo,
                       `samskab serve` on 127.0.0.1) keeps a generated key in the data folder
SAMSKAB_DEBUG          1 to run in debug mode (never in production)
SAMSKAB_HTTPS          0 for a local installation over plain http; default on unless debugging:
                       secure cookies, HSTS, redirect to https (older name: SAMSKAB_SECURE_COOKIES)
SAMSKAB_SITE_URL       the address people use, e.g. https://samskab.kommune.dk: links in mails
                       (http://127.0.0.1:8000 without it), the host name allowed, the origin
                       trusted for forms
SAMSKAB_ALLOWED_HOSTS  comma-separated host names (default: the site URL's host, else
                       localhost,127.0.0.1)
SAMSKAB_BEHIND_PROXY   1 when an https proxy in front sets X-Forwarded-Proto (nginx, Apache, a
                       load balancer); never without such a proxy, or clients could claim https
SAMSKAB_CSRF_TRUSTED_ORIGINS  further origins allowed to post forms, comma-separated
SAMSKAB_SESSION_IDLE_MINUTES  sign out after this long without a request (60)
SAMSKAB_SESSION_MAX_HOURS     sign out this long after signing in, however active (12)
SAMSKAB_LOGIN_ATTEMPTS        failed sign-ins that lock an account and a client address (10)
SAMSKAB_LOGIN_LOCKOUT_MINUTES how long such a lock lasts (15)
SAMSKAB_HSTS_SECONDS   how long browsers must use https only (31536000, a year; 0 for none)
DATABASE_URL           e.g. postgres://user:pass@host/db; default SQLite
SAMSKAB_EMAIL_HOST …   SMTP settings; mail is printed on the console without them
SAMSKAB_FITS_AT_A_TIME how many segment fits the worker runs at once (1)
SAMSKAB_DAILY_AT       local time (HH:MM) from which the worker queues the day's follow-up (07:00);
                       off: the worker never does (a cron job or a timer runs `samskab followup`)
SAMSKAB_PUBLIC_FACTS   the public fact base of every municipality, a folder written by
                       `samskab facts public` (SAMSKAB_DATA_DIR/public): a project's first facts
SAMSKAB_REQUEST_COST_LOG  a folder: log each request's CPU time and queries there (measuring only)
"""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if value == "" else value in {"1", "true", "yes", "on"}


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SAMSKAB_DATA_DIR", "data")).resolve()
# Made here so that the first migrate finds it, whether or not a key file is kept in it.
DATA_DIR.mkdir(parents=True, exist_ok=True)
DEBUG = _flag("SAMSKAB_DEBUG", False)
HTTPS = _flag("SAMSKAB_HTTPS", _flag("SAMSKAB_SECURE_COOKIES", not DEBUG))
SITE_URL = os.environ.get("SAMSKAB_SITE_URL", "").rstrip("/")
_SITE = urlsplit(SITE_URL) if SITE_URL else None
if _SITE is not None and (_SITE.scheme not in {"http", "https"} or not _SITE.hostname):
    raise ImproperlyConfigured(
        f"SAMSKAB_SITE_URL={SITE_URL!r} is not an address such as https://samskab.kommune.dk"
    )


def _daily_at() -> datetime.time | None:
    text = os.environ.get("SAMSKAB_DAILY_AT", "07:00")
    if text.strip().lower() == "off":
        return None
    try:
        return datetime.time.fromisoformat(text)
    except ValueError:
        raise ImproperlyConfigured(
            f"SAMSKAB_DAILY_AT={text!r} is not a time of day such as 07:00, nor off"
        ) from None


# From this local time the worker queues the day's follow-up (see samskab.jobs.schedule);
# None: it never does.
DAILY_AT = _daily_at()


def _secret_key() -> str:
    configured = os.environ.get("SAMSKAB_SECRET_KEY")
    if configured:
        return configured
    # A local installation keeps a generated key beside its database; the commands run on its
    # data folder (`samskab followup`) use that key too.
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    if HTTPS and not DEBUG:
        raise ImproperlyConfigured(
            "SAMSKAB_SECRET_KEY is not set. A production installation needs its own secret key "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'); see "
            "docs/deployment.md. Only a local plain-http installation (SAMSKAB_HTTPS=0) keeps a "
            "generated key in its data folder."
        )
    path.write_text(secrets.token_urlsafe(50))
    path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _list("SAMSKAB_ALLOWED_HOSTS") or (
    [_SITE.hostname] if _SITE is not None and _SITE.hostname else ["localhost", "127.0.0.1"]
)
CSRF_TRUSTED_ORIGINS = _list("SAMSKAB_CSRF_TRUSTED_ORIGINS") + (
    [f"{_SITE.scheme}://{_SITE.netloc}"] if _SITE is not None else []
)
# Behind the proxy, the client's address for the sign-in throttling is the last address of the
# X-Forwarded-For header the proxy sets (samskab.accounts.throttle.client_address).
BEHIND_PROXY = _flag("SAMSKAB_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "samskab.core",
    "samskab.jobs",
    "samskab.accounts",
    "samskab.projects",
    "samskab.factbase",
    # Before segmentation: where two catalogues translate a msgid differently ("Done"), the
    # app listed first wins.
    "samskab.workshops",
    "samskab.ideas",
    "samskab.initiatives",
    "samskab.villages",
    "samskab.housing",
    "samskab.marketing",
    "samskab.segmentation",
    "samskab.evaluation",
    "samskab.handbook",
    "samskab.welcome",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samskab.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads a request's body (the CSRF check reads the form).
    "samskab.core.middleware.RequestBodyLimitMiddleware",
    "samskab.accounts.middleware.SessionTimeoutMiddleware",
    "samskab.accounts.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]
# Measuring only (benchmarks/workshop_load.py): each request's CPU time and query count.
REQUEST_COST_LOG = os.environ.get("SAMSKAB_REQUEST_COST_LOG") or None
if REQUEST_COST_LOG:
    MIDDLEWARE.insert(0, "samskab.core.request_cost.RequestCostMiddleware")

ROOT_URLCONF = "samskab.urls"
WSGI_APPLICATION = "samskab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskab.initiatives.context.unread_notifications",
            ],
        },
    },
]

_SQLITE = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": DATA_DIR / "samskab.sqlite3",
    "OPTIONS": {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at the
        # start of a transaction, so two writers queue instead of failing half-way.
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    },
}
# A connection is kept for a minute, and checked before the first query of each request: after a
# PostgreSQL restart the next request gets a new connection instead of an error.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
    if os.environ.get("DATABASE_URL")
    else _SQLITE
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # At least 12 characters (OWASP ASVS level 2, 2.1.1).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (django-axes): AXES_FAILURE_LIMIT failures per account, and per client
# address, lock that account and that address for AXES_COOLOFF_TIME, counted from the last
# failure; on the login page and the admin's. `python -m django axes_reset_username NAME`
# (or axes_reset_ip ADDRESS) unlocks sooner. See docs/deployment.md.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SAMSKAB_LOGIN_ATTEMPTS", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("SAMSKAB_LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "samskab.accounts.throttle.username"
AXES_CLIENT_IP_CALLABLE = "samskab.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "samskab.accounts.throttle.locked_out"
# A successful sign-in does not wipe earlier failures: it would wipe every failure from its
# address, so anyone with an account of their own could guess at another without end. Trying
# again while locked does not make the lock last longer.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "projects:list"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Copenhagen"

STATIC_URL = "static/"
# Only `collectstatic` for a separate web server needs it; WhiteNoise serves from the apps.
STATIC_ROOT = os.environ.get("SAMSKAB_STATIC_ROOT") or None
# Served by WhiteNoise straight from the apps' static folders: no collectstatic for a first run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded registers live outside anything the web server serves.
UPLOAD_DIR = DATA_DIR / "uploads"
FACTS_CACHE_DIR = DATA_DIR / "facts-cache"
# What Statistics Denmark publishes on every municipality (`samskab facts public --out`).
PUBLIC_FACTS_DIR = Path(os.environ.get("SAMSKAB_PUBLIC_FACTS") or DATA_DIR / "public")
MAX_UPLOAD_BYTES = int(os.environ.get("SAMSKAB_MAX_UPLOAD_MB", "200")) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Idle timeout: the cookie and the stored session last this long after the last refresh, which
# samskab.accounts.middleware.SessionTimeoutMiddleware makes at most once a minute; it also ends a
# session SESSION_MAX_AGE after sign-in.
SESSION_COOKIE_AGE = int(os.environ.get("SAMSKAB_SESSION_IDLE_MINUTES", "60")) * 60
SESSION_MAX_AGE = int(os.environ.get("SAMSKAB_SESSION_MAX_HOURS", "12")) * 3600
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SAMSKAB_HSTS_SECONDS", "31536000")) if HTTPS else 0
# Whether every subdomain serves https, and whether to ask browsers to preload the rule, is the
# decision of whoever runs the parent domain (the municipality's IT): off unless set.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SAMSKAB_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = _flag("SAMSKAB_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [
    *(["security.W005"] if not SECURE_HSTS_INCLUDE_SUBDOMAINS else []),
    *(["security.W021"] if not SECURE_HSTS_PRELOAD else []),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("SAMSKAB_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("SAMSKAB_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SAMSKAB_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("SAMSKAB_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SAMSKAB_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("SAMSKAB_EMAIL_TLS", "1") == "1"
# A mail server that does not answer fails the sending (and says so) instead of holding the page.
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("SAMSKAB_FROM_EMAIL", "samskab@localhost")

# Long work (imports, segment fits, the follow-up's mail) runs as jobs in a queue kept in the
# database; `samskab worker` (started by `samskab serve` and the demo) runs them. Imports and mail
# share the default queue; fits have their own, worked by this many processes at once.
FITS_AT_A_TIME = max(1, int(os.environ.get("SAMSKAB_FITS_AT_A_TIME", "1")))
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "fits"],
    }
}

# Counts below this are hidden from everyone but a project's facilitators.
SUPPRESS_BELOW = int(os.environ.get("SAMSKAB_SUPPRESS_BELOW", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
