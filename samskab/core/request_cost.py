"""What each request costs the server: its CPU time and its database queries, one line per
request in a file per server process.

For measuring only: `benchmarks/workshop_load.py` sets SAMSKAB_REQUEST_COST_LOG to a folder,
and the settings install this middleware (first, so every other middleware is counted) only
then. The CPU time is the request's own thread's (`time.thread_time`), so the time a request
waits for the processor or for a lock is not counted; what gunicorn does before and after (the
HTTP parsing and writing) is not counted either.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

_WRITING = threading.Lock()


class RequestCostMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.folder = Path(settings.REQUEST_COST_LOG)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        queries = 0

        def count(execute: Callable[..., Any], *args: Any) -> Any:
            nonlocal queries
            queries += 1
            return execute(*args)

        started = time.thread_time()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        cpu_ms = (time.thread_time() - started) * 1000
        line = (
            f"{request.method}\t{request.path}\t{response.status_code}\t{cpu_ms:.3f}\t{queries}\n"
        )
        with _WRITING, (self.folder / f"cost-{os.getpid()}.tsv").open("a") as out:
            out.write(line)
        return response
