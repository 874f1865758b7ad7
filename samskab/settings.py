"""Django settings, driven by environment variables; SQLite in a local data folder by default.

SAMSKAB_DATA_DIR      folder for the SQLite database, uploads and fact-base caches (./data)
SAMSKAB_SECRET_KEY    required when SAMSKAB_DEBUG is off, except for the local demo
SAMSKAB_DEBUG         1 to run in debug mode
SAMSKAB_ALLOWED_HOSTS comma-separated host names (default: localhost,127.0.0.1)
SAMSKAB_SECURE_COOKIES 0 to allow session cookies over plain http (the local demo); default on
                      unless debugging
DATABASE_URL          e.g. postgres://user:pass@host/db; default SQLite
SAMSKAB_EMAIL_HOST … SMTP settings; mail is printed on the console without them
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SAMSKAB_DATA_DIR", "data")).resolve()
DEBUG = os.environ.get("SAMSKAB_DEBUG", "") == "1"


def _secret_key() -> str:
    configured = os.environ.get("SAMSKAB_SECRET_KEY")
    if configured:
        return configured
    # A local installation keeps a generated key beside its database.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = os.environ.get("SAMSKAB_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "samskab.core",
    "samskab.accounts",
    "samskab.projects",
    "samskab.factbase",
    "samskab.workshops",
    "samskab.segmentation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samskab.accounts.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

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
                "samskab.workshops.context.unread_notifications",
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
DATABASES = {
    "default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)
    if os.environ.get("DATABASE_URL")
    else _SQLITE
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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
MAX_UPLOAD_BYTES = int(os.environ.get("SAMSKAB_MAX_UPLOAD_MB", "200")) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SECURE_COOKIES = os.environ.get("SAMSKAB_SECURE_COOKIES", "0" if DEBUG else "1") == "1"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
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
DEFAULT_FROM_EMAIL = os.environ.get("SAMSKAB_FROM_EMAIL", "samskab@localhost")

# Counts below this are hidden from everyone but a project's facilitators.
SUPPRESS_BELOW = int(os.environ.get("SAMSKAB_SUPPRESS_BELOW", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
