"""Benchmark `samskab facts public` on national StatBank files.

Writes synthetic files of the size Statistics Denmark's are for the whole country, as the API
writes them: FLY66 for every pair of the 98 municipalities and each year (with --ages, one count
per single year of age 0-99 as well, as FLY66 with ALDER has them), BEV107, FOLK1A and KM1 for
2,150 parishes. Then runs `samskab facts public` over them in its own process, as a user does, and
prints the files' lines, the wall time and the command's peak resident memory. The nets of each
year must sum to zero, and the moves in of the municipalities must add up to the moves written.

    .venv/bin/python benchmarks/public_fact_base.py [--years 15] [--ages] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from samskab.facts.municipalities import MUNICIPALITIES

SAMSKAB = str(Path(sys.executable).with_name("samskab"))
LAST_YEAR = 2024
PARISHES = 2150


def write_files(folder: Path, years: list[int], ages: bool, seed: int = 66) -> int:
    """Write the four tables; return the moves between municipalities written."""
    rng = random.Random(seed)
    codes = [m.code for m in MUNICIPALITIES if m.code != 411]  # Christiansø has no moves
    total = 0
    with (folder / "FLY66_national.csv").open("w", encoding="utf-8") as file:
        file.write("TILKOMMUNE;FRAKOMMUNE;ALDER;TID;INDHOLD\n" if ages else
                   "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n")  # fmt: skip
        for year in years:
            for to in codes:
                for source in codes:
                    if to == source:
                        continue
                    if ages:
                        counts = [rng.randrange(3) for _ in range(100)]
                        total += sum(counts)
                        file.writelines(f"{to};{source};{a};{year};{n}\n"
                                        for a, n in enumerate(counts))  # fmt: skip
                    else:
                        count = rng.randrange(200)
                        total += count
                        file.write(f"{to};{source};{year};{count}\n")
    with (folder / "BEV107_national.csv").open("w", encoding="utf-8") as file:
        file.write("OMRÅDE;BEVÆGELSE;TID;INDHOLD\n")
        for year in years:
            for code in codes:
                for movement in ("Tilflyttede", "Fraflyttede", "Indvandrede", "Udvandrede"):
                    file.write(f"{code};{movement};{year};{rng.randrange(5000)}\n")
    with (folder / "FOLK1A_national.csv").open("w", encoding="utf-8") as file:
        file.write("OMRÅDE;TID;INDHOLD\n")
        for year in years:
            for quarter in range(1, 5):
                for code in codes:
                    file.write(f"{code};{year}K{quarter};{rng.randrange(20000, 600000)}\n")
    with (folder / "KM1_national.csv").open("w", encoding="utf-8") as file:
        file.write("SOGN;TID;INDHOLD\n")
        for year in years:
            for quarter in range(1, 5):
                for parish in range(7001, 7001 + PARISHES):
                    file.write(f"{parish} Sogn {parish};{year}K{quarter};{rng.randrange(9000)}\n")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--ages", action="store_true", help="FLY66 with ALDER, 0-99")
    parser.add_argument("--keep", type=Path, help="keep the files and the tables here")
    args = parser.parse_args()
    years = list(range(LAST_YEAR - args.years + 1, LAST_YEAR + 1))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="samskab-public-"))
    statbank, out = folder / "statbank", folder / "public"
    statbank.mkdir(parents=True, exist_ok=True)
    written = write_files(statbank, years, args.ages)
    lines = {p.name: sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in statbank.iterdir()}
    command = [SAMSKAB, "facts", "public", "--from", str(years[0]), "--to", str(years[-1]),
               "--out", str(out), "--statbank", str(statbank)]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    with (out / "net_migration.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for year in years:
        assert sum(int(r["net"]) for r in rows if int(r["year"]) == year) == 0, year
    assert sum(int(r["moves_in"]) for r in rows) == written
    for name, count in sorted(lines.items()):
        print(f"{name:24} {count:>12,} lines")
    print(f"samskab facts public {years[0]}-{years[-1]}{' with ages' if args.ages else ''}: "
          f"{seconds:.1f} s, peak {peak:.2f} GiB; {written:,} moves, nets sum to zero")  # fmt: skip
    if args.keep is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
