"""The whole fact base for a period: every table, written as CSV and Parquet files."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ibis.expr.types as ir
import pandas as pd

from samskab.facts import cohorts, flows, migration
from samskab.facts.bands import AgeBand, parse_age_bands
from samskab.facts.errors import AnalysisUnavailable
from samskab.facts.municipalities import municipality_name
from samskab.facts.output import write_files
from samskab.facts.store import Dataset
from samskab.facts.suppression import suppress

NETS = {
    "net_internal": ["internal_in", "internal_out"],
    "net_external": ["external_in", "external_out"],
    "net_total": list(migration.COMPONENTS),
    "pct_of_base_population": list(migration.COMPONENTS),
}


@dataclass(frozen=True)
class Params:
    first_year: int
    last_year: int
    municipality: int | None = None
    age_bands: tuple[AgeBand, ...] = field(default_factory=parse_age_bands)


@dataclass(frozen=True)
class Spec:
    """A table of the fact base: how to compute it and which of its cells are counts."""

    name: str
    compute: Callable[[Dataset, Params], ir.Table]
    counts: tuple[str, ...]
    dims: tuple[str, ...]
    derived: dict[str, list[str]] = field(default_factory=dict)


def _flows(level: str, by: tuple[str, ...]) -> Callable[[Dataset, Params], ir.Table]:
    return lambda d, p: flows.flows(
        d,
        first_year=p.first_year,
        last_year=p.last_year,
        level=level,
        by=by,
        municipality=p.municipality,
        age_bands=p.age_bands,
    )


def _cohort(kind: str, by: tuple[str, ...]) -> Callable[[Dataset, Params], ir.Table]:
    function = cohorts.retention if kind == "retention" else cohorts.return_migration
    return lambda d, p: function(d, by=by, municipality=p.municipality, age_bands=p.age_bands)


_FLOW_BY = ("year", "age_band", "household_type")
_AREA_ENDS = ("from_municipality", "from_area", "to_municipality", "to_area")
_PARISH_ENDS = ("from_municipality", "from_parish", "to_municipality", "to_parish")
_RETENTION = ("newcomers", "stayed")
_RETURN = ("in_movers", "returners")

SPECS: tuple[Spec, ...] = (
    Spec(
        "net_migration",
        lambda d, p: migration.migration_balance(
            d, first_year=p.first_year, last_year=p.last_year, municipality=p.municipality
        ),
        migration.COMPONENTS,
        ("area",),
        NETS,
    ),
    Spec(
        "net_migration_by_year",
        lambda d, p: migration.migration_balance_by_year(
            d, first_year=p.first_year, last_year=p.last_year, municipality=p.municipality
        ),
        migration.COMPONENTS,
        ("area", "year"),
        NETS,
    ),
    Spec(
        "population_by_area",
        lambda d, p: migration.area_population(d).order_by(["area", "year"]),
        (),
        ("area", "year"),
    ),
    Spec(
        "flows_municipalities",
        _flows("municipality", _FLOW_BY),
        ("moves",),
        ("from_municipality", "to_municipality", *_FLOW_BY),
    ),
    Spec("flows_areas", _flows("area", _FLOW_BY), ("moves",), (*_AREA_ENDS, *_FLOW_BY)),
    Spec(
        "flows_parishes",
        _flows("parish", ("age_band", "household_type")),
        ("moves",),
        (*_PARISH_ENDS, "age_band", "household_type"),
    ),
    Spec(
        "top_destinations",
        lambda d, p: flows.top_destinations(
            d,
            first_year=p.first_year,
            last_year=p.last_year,
            municipality=p.municipality,
            age_bands=p.age_bands,
        ),
        ("moves",),
        ("area", "destination"),
        {"share": ["moves"]},
    ),
    Spec(
        "top_origins",
        lambda d, p: flows.top_origins(
            d,
            first_year=p.first_year,
            last_year=p.last_year,
            municipality=p.municipality,
            age_bands=p.age_bands,
        ),
        ("moves",),
        ("area", "origin"),
        {"share": ["moves"]},
    ),
    Spec(
        "retention",
        _cohort("retention", ()),
        _RETENTION,
        ("cohort_year", "years_after"),
        {"share_stayed": list(_RETENTION)},
    ),
    Spec(
        "retention_by_area",
        _cohort("retention", ("area",)),
        _RETENTION,
        ("cohort_year", "area", "years_after"),
        {"share_stayed": list(_RETENTION)},
    ),
    Spec(
        "retention_by_age_band",
        _cohort("retention", ("age_band",)),
        _RETENTION,
        ("cohort_year", "age_band", "years_after"),
        {"share_stayed": list(_RETENTION)},
    ),
    Spec(
        "return_migration",
        _cohort("return", ()),
        _RETURN,
        ("year",),
        {"share_returners": list(_RETURN)},
    ),
    Spec(
        "return_migration_by_area",
        _cohort("return", ("area",)),
        _RETURN,
        ("year", "area"),
        {"share_returners": list(_RETURN)},
    ),
    Spec(
        "return_migration_by_age_band",
        _cohort("return", ("age_band",)),
        _RETURN,
        ("year", "age_band"),
        {"share_returners": list(_RETURN)},
    ),
)


def compute_table(
    spec: Spec, data: Dataset, params: Params, *, suppress_below: int | None = None
) -> pd.DataFrame:
    """Return one table of the fact base as a DataFrame, with names beside municipality codes
    and, with `suppress_below`, small cells suppressed."""
    frame = spec.compute(data, params).to_pandas()
    frame = _with_names(frame)
    if suppress_below and spec.counts:
        frame = suppress(
            frame,
            counts=spec.counts,
            dims=spec.dims,
            derived=spec.derived,
            threshold=suppress_below,
        )
    return frame


def _with_names(frame: pd.DataFrame) -> pd.DataFrame:
    columns: list[str] = []
    for column in frame.columns:
        columns.append(column)
        if column.endswith("municipality"):
            frame[f"{column}_name"] = frame[column].map(
                lambda code: municipality_name(int(code)) if pd.notna(code) else None
            )
            columns.append(f"{column}_name")
    return frame[columns]


def build_fact_base(
    data: Dataset,
    params: Params,
    out_dir: Path,
    *,
    suppress_below: int | None = None,
    on_table: Callable[[str], None] | None = None,
) -> dict[str, object]:
    """Write every table to out_dir (CSV and Parquet) and a manifest.json; return the manifest:
    the parameters, each table's file names and row count, and the tables left out and why."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, object] = {
        "first_year": params.first_year,
        "last_year": params.last_year,
        "municipality": params.municipality,
        "age_bands": [b.label for b in params.age_bands],
        "suppressed_below": suppress_below,
        "inputs": data.files,
        "tables": {},
        "skipped": {},
    }
    for spec in SPECS:
        try:
            frame = compute_table(spec, data, params, suppress_below=suppress_below)
        except AnalysisUnavailable as reason:
            manifest["skipped"][spec.name] = str(reason)  # type: ignore[index]
        else:
            paths = write_files(frame, out_dir, spec.name)
            manifest["tables"][spec.name] = {  # type: ignore[index]
                "rows": len(frame),
                "files": [p.name for p in paths],
            }
        if on_table is not None:
            on_table(spec.name)
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    )
    return manifest
