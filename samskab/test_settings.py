"""Settings for the test suite: a fresh data folder, fast password hashing, mail kept in memory.

On SQLite the test database is a file in that folder, not SQLite's shared in-memory database:
with a file every thread of the live server (the browser tests) has a connection of its own, as
in production, instead of all threads sharing one connection and one transaction. Under
pytest-xdist each worker gets its own file (pytest-django adds the worker's name to it)."""

import os
import tempfile

os.environ.setdefault("SAMSKAB_DATA_DIR", tempfile.mkdtemp(prefix="samskab-test-"))
# The test client and the live server speak plain http, as a local installation does.
os.environ.setdefault("SAMSKAB_HTTPS", "0")

from samskab.settings import *  # noqa: F403
from samskab.settings import DATA_DIR, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-samskab.sqlite3")}
