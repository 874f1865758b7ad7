"""The request cost log (for measuring only): one line per request with its CPU time and
its queries, written only when SAMSKAB_REQUEST_COST_LOG names a folder."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from .workshops_fixtures import activate, ideas_fixture  # noqa: F401  (fixture)

COST = "samskab.core.request_cost.RequestCostMiddleware"


def test_each_request_is_logged_with_its_cpu_time_and_queries(
    settings, tmp_path: Path, client_for, project, participant, ideas
):
    settings.REQUEST_COST_LOG = str(tmp_path)
    settings.MIDDLEWARE = [COST, *settings.MIDDLEWARE]
    activate(project, 3)
    client = client_for(participant)
    url = reverse("ideas:score", args=[project.pk])
    client.get(url)  # stamps the session
    client.get(url)
    [log] = tmp_path.glob("cost-*.tsv")
    lines = [line.split("\t") for line in log.read_text().splitlines()]
    assert [(m, p, s) for m, p, s, _cpu, _q in lines] == [("GET", url, "200")] * 2
    assert float(lines[1][3]) > 0 and lines[1][4] == "9"


def test_nothing_is_logged_unless_asked(settings):
    assert COST not in settings.MIDDLEWARE and settings.REQUEST_COST_LOG is None
