"""`samskab facts boundaries`: parish boundaries as GeoJSON for Vega maps, with municipalities."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from samskab.facts.errors import FactsError
from samskab.facts.municipalities import municipality_name

if TYPE_CHECKING:  # Shapely is imported when the command runs
    from samskab.facts.boundaries import Boundary

Pieces = list[tuple[int, "Boundary"]]


def register(facts: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `boundaries` subcommand to the `facts` subcommands."""
    parser = facts.add_parser(
        "boundaries",
        help="write parish boundaries as GeoJSON for Vega maps",
        description="Join DAGI parishes to municipalities and write them as GeoJSON whose rings "
        "are wound for Vega/d3-geo, with the properties parish, parish_name and municipality.",
    )
    parser.add_argument(
        "--parishes",
        type=Path,
        required=True,
        metavar="FILE",
        help="parish boundaries (DAGI sogne), TopoJSON or GeoJSON",
    )
    parser.add_argument(
        "--municipalities",
        type=Path,
        required=True,
        metavar="FILE",
        help="municipality boundaries (DAGI kommuner), TopoJSON or GeoJSON",
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="GeoJSON file to write, e.g. parishes.geojson",
    )
    parser.add_argument(
        "--municipality",
        type=int,
        metavar="CODE",
        help="write only this municipality's parishes, e.g. 760",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.0,
        metavar="DEG",
        help="simplify borders to this many degrees, e.g. 0.001 (about 60-110 m); "
        "0, the default, keeps every point",
    )
    parser.set_defaults(handler=run_boundaries)


def run_boundaries(args: argparse.Namespace) -> int:
    """Return 0 after writing the parish GeoJSON; raise FactsError or InputError on bad input."""
    from samskab.facts.boundaries import (
        parish_pieces,
        read_boundaries,
        simplify,
        to_geojson,
        vertex_count,
    )  # fmt: skip

    if args.tolerance < 0:
        raise FactsError(f"--tolerance must be 0 or more degrees, not {args.tolerance}")
    parishes = read_boundaries(args.parishes, "parish")
    municipalities = read_boundaries(args.municipalities, "municipality")
    pieces = parish_pieces(parishes, municipalities)
    print(_assignment_summary(parishes, municipalities, pieces))
    if args.municipality is not None:
        pieces = _in_municipality(pieces, args.municipality, municipalities, args.municipalities)
    shapes = [piece for _, piece in pieces]
    simplified = simplify(shapes, args.tolerance)
    if args.tolerance > 0:
        before, after = vertex_count(shapes), vertex_count(simplified)
        print(
            f"Simplified to {args.tolerance}°: {before:,} → {after:,} vertices "
            f"({100 * (before - after) / max(before, 1):.0f}% fewer)."
        )
    properties = [
        {"parish": piece.code, "parish_name": piece.name, "municipality": code}
        for code, piece in pieces
    ]
    size = _write(args.out, to_geojson(simplified, properties=properties))
    print(f"Wrote {len(pieces):,} parish features to {args.out} ({size / 1024:,.0f} KiB).")
    return 0


def _assignment_summary(
    parishes: Sequence[Boundary], municipalities: Sequence[Boundary], pieces: Pieces
) -> str:
    """Return a few lines saying how many parishes got a municipality and which did not."""
    placed = Counter(piece.code for _, piece in pieces)
    split = sum(1 for count in placed.values() if count > 1)
    lines = [
        f"Assigned {len(placed):,} of {len(parishes):,} parishes to "
        f"{len({code for code, _ in pieces})} of {len(municipalities)} municipalities."
    ]
    if split:
        lines.append(
            f"{_parishes(split)} across a municipal border: each piece is written with the "
            "municipality it lies in."
        )
    missing = [f"{p.code} {p.name}" for p in parishes if p.code not in placed]
    if missing:
        lines.append(
            f"{len(missing)} parishes lie in no municipality and are left out: "
            + ", ".join(missing[:20])
            + (", …" if len(missing) > 20 else "")
        )
    return "\n".join(lines)


def _in_municipality(
    pieces: Pieces, code: int, municipalities: Sequence[Boundary], file: Path
) -> Pieces:
    """Return the pieces in one municipality; FactsError if it is unknown or has no parish."""
    if code not in {m.code for m in municipalities}:
        raise FactsError(f"{file}: there is no municipality with code {code}")
    kept = [pair for pair in pieces if pair[0] == code]
    if not kept:
        raise FactsError(f"no parish lies in municipality {code} {municipality_name(code)}")
    print(f"{_parishes(len(kept))} in {municipality_name(code)} ({code}).")
    return kept


def _write(path: Path, document: dict[str, object]) -> int:
    """Return the number of bytes written after saving the document as compact UTF-8 JSON."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    data = text.encode("utf-8")
    try:
        path.write_bytes(data)
    except OSError as error:
        raise FactsError(f"{path}: cannot write the file: {error.strerror}") from None
    return len(data)


def _parishes(count: int) -> str:
    """Return "1 parish" or "{count} parishes"."""
    return f"{count:,} parish" if count == 1 else f"{count:,} parishes"
