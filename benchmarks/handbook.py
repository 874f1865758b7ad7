"""How long the demo project's full handbook takes to render as PDF (target: under 10 s).

Builds the demo (`samskab demo --no-serve`) in a temporary folder unless --demo-dir names one
already built, then times `samskab report` end to end, as a facilitator's job would run it: a
fresh process, so nothing is cached. Prints the wall-clock seconds, the CPU seconds of that
process (what a busy machine cannot steal), the pages and the file size.

    python benchmarks/handbook.py [--demo-dir DIR] [--lang da|en]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def samskab(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "samskab.cli", *args], check=True, capture_output=True)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo-dir", type=Path)
    parser.add_argument("--lang", choices=("da", "en"), default="da")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        demo = args.demo_dir or Path(scratch) / "demo"
        if not (demo / "web").exists():
            samskab("demo", "--no-serve", "--dir", str(demo))
        out = Path(scratch) / "handbook.pdf"
        start, cpu = time.perf_counter(), _children_cpu()
        samskab("report", "--data-dir", str(demo / "web"), "--project", "1",
                "--out", str(out), "--lang", args.lang)  # fmt: skip
        seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        pages = next(
            (line.split()[-1] for line in info.splitlines() if line.startswith("Pages")), "?"
        )
        print(f"handbook of the demo project ({args.lang}): {seconds:.1f} s "
              f"({cpu:.1f} s CPU), {pages} pages, "
              f"{out.stat().st_size / 1024:.0f} KiB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
