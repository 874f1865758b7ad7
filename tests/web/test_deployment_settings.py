"""Production settings from environment variables: behind an https proxy, `check --deploy`, the
secret key, the data folder, and sessions that end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from samskab.accounts.middleware import SIGNED_IN_AT

ROOT = Path(__file__).resolve().parents[2]
KEY = "k" * 30 + "-a-production-key-of-fifty-characters"
# The settings docs/deployment.md documents for a server behind an https proxy.
PRODUCTION = {
    "SAMSKAB_SECRET_KEY": KEY,
    "SAMSKAB_SITE_URL": "https://samskab.kommune.dk",
    "SAMSKAB_BEHIND_PROXY": "1",
}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SAMSKAB_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, *args], env={**clean, "DJANGO_SETTINGS_MODULE": "samskab.settings", **env},
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _settings(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n, None)"
        " for n in ['ALLOWED_HOSTS', 'CSRF_TRUSTED_ORIGINS', 'SECURE_PROXY_SSL_HEADER',"
        " 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE',"
        " 'SESSION_COOKIE_AGE']}))"
    )
    done = _run(env, "-c", code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_site_url_gives_the_host_and_the_trusted_origin(tmp_path: Path) -> None:
    found = _settings({**PRODUCTION, "SAMSKAB_DATA_DIR": str(tmp_path)})
    assert found == {
        "ALLOWED_HOSTS": ["samskab.kommune.dk"],
        "CSRF_TRUSTED_ORIGINS": ["https://samskab.kommune.dk"],
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_AGE": 3600,
    }


def test_without_a_proxy_the_forwarded_header_is_not_trusted(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SAMSKAB_DATA_DIR": str(tmp_path), "SAMSKAB_BEHIND_PROXY": ""}
    assert _settings(env)["SECURE_PROXY_SSL_HEADER"] is None


def test_check_deploy_passes_with_the_documented_settings(tmp_path: Path) -> None:
    done = _run(
        {**PRODUCTION, "SAMSKAB_DATA_DIR": str(tmp_path)},
        "-m", "django", "check", "--deploy", "--fail-level", "WARNING",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {"SAMSKAB_DATA_DIR": str(tmp_path / "data"), "SAMSKAB_SITE_URL": "https://x.dk"}
    done = _run(env, "-m", "django", "check")
    assert done.returncode != 0
    assert "SAMSKAB_SECRET_KEY is not set" in done.stderr
    assert not (tmp_path / "data" / "secret_key").exists()


def test_a_new_data_folder_is_made_when_the_key_is_given(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    done = _run({**PRODUCTION, "SAMSKAB_DATA_DIR": str(data)}, "-m", "django", "migrate", "-v0")
    assert done.returncode == 0, done.stderr
    assert (data / "samskab.sqlite3").is_file()
    assert not (data / "secret_key").exists()


def test_a_bad_site_url_is_named(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SAMSKAB_DATA_DIR": str(tmp_path), "SAMSKAB_SITE_URL": "samskab.dk"}
    done = _run(env, "-m", "django", "check")
    assert done.returncode != 0
    assert "SAMSKAB_SITE_URL='samskab.dk' is not an address" in done.stderr


@pytest.mark.django_db
@override_settings(
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    CSRF_TRUSTED_ORIGINS=["https://samskab.kommune.dk"],
    ALLOWED_HOSTS=["samskab.kommune.dk"],
    SECURE_SSL_REDIRECT=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_login_works_behind_the_https_proxy(facilitator: User) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_HOST="samskab.kommune.dk")
    proxied = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_ORIGIN": "https://samskab.kommune.dk"}
    page = client.get("/accounts/login/", **proxied)
    assert page.status_code == 200
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {
            "username": "facilitator",
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": token,
        },
        **proxied,
    )
    assert response.status_code == 302, response.content[:300]
    assert response.cookies["sessionid"]["secure"]
    # A plain-http request that did not come through the proxy is sent to https.
    plain = client.get("/accounts/login/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://samskab.kommune.dk/accounts/login/"


@pytest.mark.django_db
def test_the_session_cookie_lasts_the_idle_timeout(client_for, facilitator: User) -> None:
    response = client_for(facilitator).get("/projects/")
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 3600


@pytest.mark.django_db
def test_a_session_ends_twelve_hours_after_sign_in(client_for, facilitator: User) -> None:
    client = client_for(facilitator)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 12 * 3600 - 5
    session.save()
    response = client.get("/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_an_active_session_goes_on(client_for, facilitator: User) -> None:
    client = client_for(facilitator)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 11 * 3600
    session.save()
    assert client.get("/projects/").status_code == 200


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy_without_inline_code(
    client_for, facilitator: User
) -> None:
    for client, path in [
        (client_for(None), "/accounts/login/"),
        (client_for(facilitator), "/projects/"),
    ]:
        response = client.get(path)
        assert response["Content-Security-Policy"] == (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )


def test_a_bad_daily_time_is_named(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SAMSKAB_DATA_DIR": str(tmp_path), "SAMSKAB_DAILY_AT": "7 am"}
    done = _run(env, "-m", "django", "check")
    assert done.returncode != 0
    assert "SAMSKAB_DAILY_AT='7 am' is not a time of day such as 07:00, nor off" in done.stderr
