"""Settings for the test suite: a fresh data folder, fast password hashing, mail kept in memory."""

import os
import tempfile

os.environ.setdefault("SAMSKAB_DATA_DIR", tempfile.mkdtemp(prefix="samskab-test-"))

from samskab.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
