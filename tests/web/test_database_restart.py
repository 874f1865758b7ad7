"""After PostgreSQL restarts (or drops a connection), the next request is answered: the kept
connection is checked before its first query and replaced, without restarting samskab."""

from __future__ import annotations

import os

import psycopg
import pytest
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import connection


# Only a database server drops connections (the suite's second run is on PostgreSQL). The test
# commits, so it restores the migrated data afterwards as the other committing tests do.
@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="runs on PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_the_database_server_dropped_is_replaced_at_the_next_request():
    assert connection.vendor == "postgresql"
    request_started.send(sender=None)  # as the server does around a request
    User.objects.count()
    dropped = connection.connection.info.backend_pid
    request_finished.send(sender=None)
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [dropped])
    request_started.send(sender=None)
    assert User.objects.count() >= 0
    assert connection.connection.info.backend_pid != dropped
    request_finished.send(sender=None)
