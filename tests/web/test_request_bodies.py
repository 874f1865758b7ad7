"""A request body is refused before it is read when its declared length is too large."""

from __future__ import annotations

import pytest
from django.test import Client

BIG = 300 * 1024 * 1024


@pytest.mark.django_db
def test_an_anonymous_post_of_300_mb_is_refused_before_it_is_read() -> None:
    response = Client().post(
        "/accounts/login/", data=b"x", content_type="application/octet-stream",
        CONTENT_LENGTH=str(BIG),
    )  # fmt: skip
    assert response.status_code == 413
    assert response.content.decode() == "Forespørgslen er for stor."


@pytest.mark.django_db
def test_an_anonymous_post_above_64_kb_is_refused() -> None:
    body = {"username": "anna", "password": "x" * (65 * 1024)}
    assert Client().post("/accounts/login/", body).status_code == 413


@pytest.mark.django_db
def test_a_login_form_is_read_as_usual(facilitator) -> None:
    body = {"username": "facilitator", "password": "a-long-test-password"}
    assert Client().post("/accounts/login/", body).status_code == 302


@pytest.mark.django_db
def test_a_member_may_send_a_large_upload_but_not_more_than_the_limit(
    client_for, facilitator, project, settings
) -> None:
    settings.MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    client = client_for(facilitator)
    path = f"/projects/{project.pk}/members/"
    refused = client.post(path, data=b"x", content_type="application/octet-stream",
                          CONTENT_LENGTH=str(4 * 1024 * 1024))  # fmt: skip
    assert refused.status_code == 413
    allowed = client.post(path, {"email": "x" * (100 * 1024)})
    assert allowed.status_code != 413


@pytest.mark.django_db
def test_a_chunked_body_without_a_length_is_refused() -> None:
    response = Client().generic(
        "POST", "/accounts/login/", b"", HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH=""
    )
    assert response.status_code == 411
