"""The whole fact base for a period: every table, written as CSV and Parquet files."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from samskab.common.suppression import suppress, suppress_period
from samskab.facts import cohorts, flows, migration
from samskab.facts.bands import AgeBand, parse_age_bands
from samskab.facts.errors import AnalysisUnavailable
from samskab.facts.municipalities import municipality_name
from samskab.facts.output import arrow_table, write_files
from samskab.facts.store import Dataset

_MAX_CODE = 999  # municipality codes are three digits
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


class Context:
    """The dataset and parameters of one build, with the intermediate tables several of its
    tables share (computed once, kept on the dataset's backend)."""

    def __init__(self, data: Dataset, params: Params) -> None:
        self.data = data
        self.params = params
        self._shared: dict[str, ir.Table] = {}

    def shared(self, key: str, compute: Callable[[], ir.Table]) -> ir.Table:
        """Return the table for `key`, computing it the first time."""
        if key not in self._shared:
            self._shared[key] = ibis.memtable(compute().to_pyarrow())
        return self._shared[key]


@dataclass(frozen=True)
class Spec:
    """A table of the fact base: how to compute it and which of its cells are counts."""

    name: str
    compute: Callable[[Dataset, Params, Context], ir.Table]
    counts: tuple[str, ...]
    dims: tuple[str, ...]
    derived: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""  # what a reader must know to read the table, kept in the manifest
    yearly: str = ""  # the table per year this period's table is suppressed consistently with
    # How the table is suppressed when it is cut from a table suppressed once (flow lists).
    suppressed: Callable[[Dataset, Params, int], pd.DataFrame] | None = None


def _flows(level: str, by: tuple[str, ...]) -> Callable[[Dataset, Params, Context], ir.Table]:
    return lambda d, p, _: flows.flows(
        d,
        first_year=p.first_year,
        last_year=p.last_year,
        level=level,
        by=by,
        municipality=p.municipality,
        age_bands=p.age_bands,
    )


def _flow_list(direction: str) -> Callable[[Dataset, Params, int], pd.DataFrame]:
    """Return how the suppressed top list of a direction is made: cut from the period's flow
    cells, suppressed once, as the fact-base pages cut theirs (so both read the same)."""

    def compute(data: Dataset, params: Params, threshold: int) -> pd.DataFrame:
        # Imported here: flow_cells reads the net-migration table's specification above.
        from samskab.facts import flow_cells, flow_lists

        table = flow_cells.flow_table(
            data, first_year=params.first_year, last_year=params.last_year, threshold=threshold,
            age_bands=params.age_bands, municipality=params.municipality,
        )  # fmt: skip
        areas = data.areas.area.to_pyarrow().to_pylist()
        cells = flow_lists.cells_of(table, None, None)
        return flow_lists.top_places(cells, direction, n=10, areas=areas, threshold=threshold)

    return compute


def _cohort(kind: str, by: tuple[str, ...]) -> Callable[[Dataset, Params, Context], ir.Table]:
    def compute(d: Dataset, p: Params, context: Context) -> ir.Table:
        place, bands = p.municipality, p.age_bands
        if kind == "retention":
            counts = context.shared(
                kind, lambda: cohorts.retention_counts(d, municipality=place, age_bands=bands)
            )
            return cohorts.retention(d, by=by, counts=counts)
        counts = context.shared(
            kind, lambda: cohorts.return_counts(d, municipality=place, age_bands=bands)
        )
        return cohorts.return_migration(d, by=by, counts=counts)

    return compute


def _retention_by_area(data: Dataset, params: Params, threshold: int) -> pd.DataFrame:
    """Return retention per cohort year and area suppressed as the fact-base pages suppress
    it: each cohort year on its own, in step with the net-migration table."""
    # Imported here: retention_cells reads the net-migration table's specification below.
    from samskab.facts import retention_cells

    table = compute_arrow(spec_named("retention_by_area"), data, params).to_pandas()
    return retention_cells.suppress_cohorts(table, data, params, threshold)


_FLOW_BY = ("year", "age_band", "household_type")
_AREA_ENDS = ("from_municipality", "from_area", "to_municipality", "to_area")
_PARISH_ENDS = ("from_municipality", "from_parish", "to_municipality", "to_parish")
_RETENTION = ("newcomers", "stayed")
_RETURN = ("in_movers", "returners")

SPECS: tuple[Spec, ...] = (
    Spec(
        "net_migration",
        lambda d, p, _: migration.migration_balance(
            d,
            first_year=p.first_year,
            last_year=p.last_year,
            municipality=p.municipality,
            totals=True,
        ),
        migration.COMPONENTS,
        ("area",),
        NETS,
        migration.TOTALS_NOTE,
        yearly="net_migration_by_year",
    ),
    Spec(
        "net_migration_by_year",
        lambda d, p, _: migration.migration_balance_by_year(
            d,
            first_year=p.first_year,
            last_year=p.last_year,
            municipality=p.municipality,
            totals=True,
        ),
        migration.COMPONENTS,
        ("area", "year"),
        NETS,
        migration.TOTALS_NOTE,
    ),
    Spec(
        "population_by_area",
        lambda d, p, _: migration.area_population(d).order_by(["area", "year"]),
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
        lambda d, p, _: flows.top_destinations(
            d,
            first_year=p.first_year,
            last_year=p.last_year,
            municipality=p.municipality,
            age_bands=p.age_bands,
        ),
        ("moves",),
        ("area", "destination"),
        {"share": ["moves"]},
        suppressed=_flow_list("out"),
    ),
    Spec(
        "top_origins",
        lambda d, p, _: flows.top_origins(
            d,
            first_year=p.first_year,
            last_year=p.last_year,
            municipality=p.municipality,
            age_bands=p.age_bands,
        ),
        ("moves",),
        ("area", "origin"),
        {"share": ["moves"]},
        suppressed=_flow_list("in"),
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
        suppressed=_retention_by_area,
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
    spec: Spec,
    data: Dataset,
    params: Params,
    *,
    suppress_below: int | None = None,
    context: Context | None = None,
    yearly: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one table of the fact base as a DataFrame, with names beside municipality codes
    and, with `suppress_below`, small cells suppressed; `yearly`: the spec's table per year for
    the params' years, exact, when already at hand."""
    if suppress_below and spec.suppressed is not None:
        return spec.suppressed(data, params, suppress_below)
    frame: pd.DataFrame = compute_arrow(spec, data, params, context=context).to_pandas()
    if not (suppress_below and spec.counts):
        return frame
    if spec.yearly:
        if yearly is None:
            yearly = compute_arrow(
                spec_named(spec.yearly), data, params, context=context
            ).to_pandas()
        return suppress_period(
            frame,
            yearly,
            year="year",
            counts=spec.counts,
            dims=spec.dims,
            derived=spec.derived,
            threshold=suppress_below,
        )
    return suppress(
        frame, counts=spec.counts, dims=spec.dims, derived=spec.derived, threshold=suppress_below
    )


def spec_named(name: str) -> Spec:
    """Return the table of the fact base called `name`."""
    return next(spec for spec in SPECS if spec.name == name)


def compute_arrow(
    spec: Spec, data: Dataset, params: Params, *, context: Context | None = None
) -> pa.Table:
    """Return one table of the fact base as an Arrow table, with names beside municipality
    codes (a column `<column>_name` after each `…municipality` column)."""
    table = spec.compute(data, params, context or Context(data, params)).to_pyarrow()
    for column in [c for c in table.column_names if c.endswith("municipality")]:
        position = table.column_names.index(column) + 1
        table = table.add_column(position, f"{column}_name", _names(table[column]))
    return table


def _names(codes: pa.ChunkedArray) -> pa.ChunkedArray:
    """Return the municipality names of an array of codes (0: abroad; NULL stays NULL)."""
    lookup = pa.array([municipality_name(code) for code in range(_MAX_CODE + 1)])
    return pc.take(lookup, codes)


def _final_table(spec: Spec, context: Context, suppress_below: int | None) -> pa.Table:
    """Return the table as written: Arrow all the way, or through pandas to suppress."""
    data, params = context.data, context.params
    if not (suppress_below and spec.counts):
        return compute_arrow(spec, data, params, context=context)
    frame = compute_table(spec, data, params, suppress_below=suppress_below, context=context)
    return arrow_table(frame)


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
    context = Context(data, params)
    for spec in SPECS:
        try:
            table = _final_table(spec, context, suppress_below)
        except AnalysisUnavailable as reason:
            manifest["skipped"][spec.name] = str(reason)  # type: ignore[index]
        else:
            paths = write_files(table, out_dir, spec.name)
            manifest["tables"][spec.name] = {  # type: ignore[index]
                "rows": table.num_rows,
                "files": [p.name for p in paths],
                **({"note": spec.note} if spec.note else {}),
            }
        if on_table is not None:
            on_table(spec.name)
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    )
    return manifest
