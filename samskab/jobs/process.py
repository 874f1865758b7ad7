"""Whether a worker's process still runs, told on the machine it runs on.

A process is named by its machine (host name and boot), its process id and its start time
(clock ticks since boot, from /proc), so a process id used again by a later process is not
taken for the worker. Where /proc is missing, nothing can be told and only the heartbeat counts.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

PROC = Path("/proc")


def this_machine() -> str:
    """The host name and, where the kernel tells it, the boot: a process of an earlier boot of
    this host counts as another machine's."""
    boot = _read(PROC / "sys/kernel/random/boot_id")
    return f"{socket.gethostname()}/{boot}"[:255] if boot else ""


def start_ticks(pid: int) -> int | None:
    """When the process `pid` started, in clock ticks since boot; None when unknown."""
    stat = _read(PROC / str(pid) / "stat")
    if not stat:
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # the name in brackets may hold spaces
    try:
        return int(fields[19])  # field 22 of proc(5); the 3rd is the first after the name
    except (IndexError, ValueError):
        return None


def runs(machine: str, pid: int, started: int | None) -> bool:
    """True when the process is known to run here still; False when gone or unknown."""
    if not machine or started is None or machine != this_machine():
        return False
    return start_ticks(pid) == started


def own() -> tuple[str, int, int | None]:
    """This process: its machine, id and start."""
    return this_machine(), os.getpid(), start_ticks(os.getpid())


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""
