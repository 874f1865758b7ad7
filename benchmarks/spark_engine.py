"""Benchmark `--engine spark` against DuckDB on a national-scale move register.

Generates the synthetic register of national_register.py (98 municipalities, 2,150 parishes,
2010–2024; 10 million moves by default), then runs `samskab facts net-migration` over 2010–2024
as a user does, once on DuckDB (nothing stored: read, checked, imported, computed) and once on
Spark (read, checked and computed by Spark), each in its own process, and prints for both the wall
time and the peak resident memory of the command's processes (the command, and Spark's JVM and
Python workers; with --cluster also the workers and their executors: the sum over the process
trees, sampled every 0.2 s). The two outputs must be the same byte for byte.

With --cluster, Spark runs on a standalone cluster started here for the run: a master and
--workers workers (one core and --worker-memory each) as local processes, stopped at the end.

    .venv/bin/python benchmarks/spark_engine.py [--moves N] [--cluster] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from national_register import register

SAMSKAB = str(Path(sys.executable).with_name("samskab"))
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Return the resident memory of `root` and every process below it, in bytes."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier += children
    return sum(rss.get(pid, 0) for pid in tree)


def run_measured(
    args: list[str], env: dict[str, str], also: tuple[int, ...] = ()
) -> tuple[float, int, str, str]:
    """Run the command; return its wall time, the peak memory of its process tree (and of the
    trees of the processes `also`: a cluster's workers, whose executors do the work), its output
    and its error output. Raises when it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               text=True)  # fmt: skip
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], sum(_tree_rss(pid) for pid in (process.pid, *also)))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])}… failed ({process.returncode}):\n{err[-3000:]}")
    return elapsed, peak[0], out, err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def standalone_cluster(
    workers: int, memory: str, work: Path
) -> Iterator[tuple[str, tuple[int, ...]]]:
    """Start a Spark standalone master and `workers` workers on 127.0.0.1; yield the master's
    URL and the workers' process ids once every worker has registered; stop them all."""
    import pyspark

    spark_class = str(Path(pyspark.__file__).parent / "bin" / "spark-class")
    port, web = _free_port(), _free_port()
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_WORKER_DIR": str(work / "workers")}
    master = f"spark://127.0.0.1:{port}"
    logs = work / "cluster-logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes = [
        subprocess.Popen([spark_class, "org.apache.spark.deploy.master.Master", "--host",
                          "127.0.0.1", "--port", str(port), "--webui-port", str(web)],
                         env=env, stdout=(logs / "master.log").open("w"), stderr=subprocess.STDOUT)
    ]  # fmt: skip
    try:
        for n in range(workers):
            processes.append(
                subprocess.Popen([spark_class, "org.apache.spark.deploy.worker.Worker", master,
                                  "--host", "127.0.0.1", "--cores", "1", "--memory", memory,
                                  "--webui-port", str(_free_port())],
                                 env=env, stdout=(logs / f"worker-{n}.log").open("w"),
                                 stderr=subprocess.STDOUT)
            )  # fmt: skip
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{web}/json/", timeout=2) as answer:
                    alive = json.load(answer).get("aliveworkers", 0)
            except OSError:
                alive = 0
            if alive >= workers:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"the cluster did not come up; see {logs}")
            time.sleep(1)
        yield master, tuple(process.pid for process in processes[1:])
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=10_000_000, help="moves to generate")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--cluster", action="store_true", help="on a standalone cluster")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-memory", default="3g")
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument("--keep", type=Path, help="work folder to keep (and reuse the register)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="samskab-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _benchmark(work, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _benchmark(work: Path, args: argparse.Namespace) -> int:
    (work / "register").mkdir(exist_ok=True)
    files, generated = register(work / "register", args.moves, args.seed)
    size = files["moves"].stat().st_size
    print(f"register: {args.moves:,} moves, moves.csv {size / 2**30:.2f} GiB"
          + (f" (generated in {generated:.0f} s)" if generated else " (reused)"))  # fmt: skip
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}")
    command = [SAMSKAB, "facts", "net-migration", "--from", "2010", "--to", "2024"]
    command += ["--format", "csv"]
    for role, path in files.items():
        command += [f"--{role}", str(path)]
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "SAMSKAB_CACHE_DIR": str(cache)}
    duck = run_measured(command, env)
    spark_command = [*command, "--engine", "spark"]
    spark_command += ["--spark-conf", f"spark.driver.memory={args.driver_memory}"]
    where = "local[*]"
    if args.cluster:
        with standalone_cluster(args.workers, args.worker_memory, work) as (master, pids):
            where = f"standalone, {args.workers} workers × 1 core, {args.worker_memory}"
            spark_command += ["--spark-master", master]
            spark_command += ["--spark-conf", f"spark.executor.memory={args.worker_memory}"]
            spark = run_measured(spark_command, env, also=pids)
    else:
        spark = run_measured(spark_command, env)
    same = spark[2] == duck[2]
    rows = len(duck[2].splitlines()) - 1
    print(f"net-migration 2010–2024, first run ({rows} areas):")
    print(f"  DuckDB                {duck[0]:7.1f} s   peak {duck[1] / 2**30:5.2f} GiB")
    print(f"  Spark ({where}) {spark[0]:7.1f} s   peak {spark[1] / 2**30:5.2f} GiB")
    print(f"  same output: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
