"""The server's side of the workshop load benchmark: what each kind of request cost it.

Two measurements, both honest about what they leave out:
- per request, from the server's own log (samskab.core.request_cost, switched on by
  SAMSKAB_REQUEST_COST_LOG): the CPU time of the thread that handled it and its queries;
- for the whole run, from the kernel's accounting (/proc, Linux): the CPU time of gunicorn's
  master and workers, which also holds the HTTP work around each request and the idle loops.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass
from pathlib import Path


def request_kind(method: str, path: str, status: int) -> str | None:
    """Return the benchmark's name for a logged request, None for any other page."""
    if path.endswith("/workshops/score/"):
        return "score POST" if method == "POST" else "sheet GET"
    if path.endswith("/workshops/results/live/"):
        return "poll (changed)" if status == 200 else "poll (no change)"
    return None


@dataclass(frozen=True)
class Cost:
    kind: str
    cpu_ms: float
    queries: int


def read_costs(folder: Path) -> list[Cost]:
    """Return every logged request of a known kind (one file per server process)."""
    costs = []
    for file in sorted(folder.glob("cost-*.tsv")):
        for line in file.read_text().splitlines():
            method, path, status, cpu_ms, queries = line.split("\t")
            kind = request_kind(method, path, int(status))
            if kind is not None:
                costs.append(Cost(kind, float(cpu_ms), int(queries)))
    return costs


def forget_costs(folder: Path) -> None:
    """Remove the log so far (the warm-up's requests); the server starts new files."""
    for file in folder.glob("cost-*.tsv"):
        file.unlink()


def summary(costs: list[Cost], kind: str) -> str:
    """Return the CPU time per request (p50/p95) and the queries per request of one kind."""
    mine = [c for c in costs if c.kind == kind]
    if not mine:
        return "n=0"
    cpu = [c.cpu_ms for c in mine]
    p95 = statistics.quantiles(cpu, n=100, method="inclusive")[94] if len(cpu) > 1 else cpu[0]
    queries = sorted({c.queries for c in mine})
    shown = str(queries[0]) if len(queries) == 1 else f"{queries[0]}–{queries[-1]}"
    return (
        f"n={len(mine):5d}  CPU p50 {statistics.median(cpu):5.1f}  p95 {p95:5.1f} ms"
        f"  queries {shown}"
    )


def _stat(pid: int) -> tuple[int, float] | None:
    """Return (parent pid, user + system CPU seconds) of a process, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def server_cpu_seconds(master: int) -> float:
    """Return the CPU seconds used so far by the server's master process and its workers."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            found = _stat(int(entry.name))
            if found and (int(entry.name) == master or found[0] == master):
                total += found[1]
    return total
