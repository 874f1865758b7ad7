"""Flow cells: one table of moves between an area and another place, suppressed once, from
which every flow list is cut (see flow_lists).

A flow cell counts the moves of one year from an origin to a destination, one of them an area
and the two not the same area, by age band and household type; the sums over the age bands and
over the household types are cells of their own (ALL), as the lists' filters offer them. The
table is suppressed on single years with the common rule (samskab.common.suppression) along
every sum a person is shown:
- over the age bands, and over the household types (cells of the table);
- for the whole population, an area's (or the rest of a municipality's) moves in and out,
  within its municipality and with other places: the net-migration table publishes their
  nets, so where that table hides a net in a year, a flow cell behind it is hidden too.
A period shows a cell only when every one of its years shows it, then complementary
suppression runs on the period's table once more: the same pair is hidden the same way in every
list, filter and period.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from samskab.common.suppression import hidden_in_any_year, hidden_mask, primary_mask
from samskab.facts import build
from samskab.facts.bands import AgeBand
from samskab.facts.flows import scoped_moves
from samskab.facts.municipalities import ABROAD, municipality_name
from samskab.facts.retention_cells import YearlyNets, nets_of
from samskab.facts.store import Dataset

ALL = ""  # the age band or household type of a sum over all of them
KEYS = ["origin_key", "destination_key", "age_band", "household_type"]
ENDS = ("origin", "destination")
_RAW = ["from_municipality", "from_area", "to_municipality", "to_area"]


def flow_table(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    threshold: int | None,
    age_bands: tuple[AgeBand, ...] | None = None,
    municipality: int | None = None,
    known: YearlyNets | None = None,
) -> pd.DataFrame:
    """Return the period's flow cells (of the moves touching the areas' municipalities, or
    `municipality`): origin, origin_kind, destination, destination_kind
    (kinds as flows.top_destinations names them), age_band, household_type (ALL for a sum),
    moves (exact) and hidden (True where a person without exact figures may not see moves;
    never with `threshold` None), with the keys and municipalities of both ends."""
    yearly = yearly_cells(data, first_year=first_year, last_year=last_year, age_bands=age_bands,
                          municipality=municipality)  # fmt: skip
    labels = [c for c in yearly.columns if c not in ("year", "moves")]
    period = yearly.groupby(labels, dropna=False, sort=False, as_index=False)[["moves"]].sum()
    if threshold is None or period.empty:
        return period.assign(hidden=False)
    nets = _hidden_nets(data, build.Params(first_year, last_year, municipality), threshold, known)
    owners = _line_owners(data)
    in_years = _yearly_hidden(yearly, nets, owners, threshold)
    start = hidden_in_any_year(period, yearly, in_years, dims=KEYS)
    lines = _line_columns(period, owners)
    mask = hidden_mask(lines, counts=["moves"], threshold=threshold,
                       lines=_lines(), start=start)  # fmt: skip
    return period.assign(hidden=mask["moves"].to_numpy(dtype=bool))


def single_year_tables(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    threshold: int,
    municipality: int | None = None,
    known: YearlyNets | None = None,
) -> pd.DataFrame:
    """Return the flow cells of every single year of the period at once (a column `year`),
    each year's `hidden` as flow_table(year, year) hides it: one computation for what would
    otherwise be one flow table per year."""
    yearly = yearly_cells(data, first_year=first_year, last_year=last_year, age_bands=None,
                          municipality=municipality)  # fmt: skip
    if yearly.empty:
        return yearly.assign(hidden=False)
    nets = _hidden_nets(data, build.Params(first_year, last_year, municipality), threshold, known)
    yearly = yearly.reset_index(drop=True)
    mask = _yearly_hidden(yearly, nets, _line_owners(data), threshold)
    return yearly.assign(hidden=mask["moves"].to_numpy(dtype=bool))


def yearly_cells(
    data: Dataset,
    *,
    first_year: int,
    last_year: int,
    age_bands: tuple[AgeBand, ...] | None,
    municipality: int | None = None,
) -> pd.DataFrame:
    """Return the flow cells of every year of the period (a column `year`), exact."""
    moves = scoped_moves(data, first_year=first_year, last_year=last_year, age_bands=age_bands,
                         municipality=municipality)  # fmt: skip
    moves = moves.filter((moves.from_area.notnull() | moves.to_area.notnull()) & ~moves.same_area)
    keys = ["year", *_RAW, "age_band", "household_type"]
    counted = moves.group_by(keys).agg(moves=moves.weight.cast("int64").sum()).to_pandas()
    # In one fixed order (the database returns groups in any order): where suppression must
    # choose between cells of the same size, it then chooses the same one every time, for a
    # period as for each of its years.
    counted = counted.sort_values(keys, kind="stable", na_position="first", ignore_index=True)
    return _labelled(_with_sums(counted, keys))


def _with_sums(counted: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return the cells and their sums over age bands, household types and both."""
    parts = [counted]
    for summed in (["age_band"], ["household_type"], ["age_band", "household_type"]):
        rest = [k for k in keys if k not in summed]
        part = counted.groupby(rest, dropna=False, as_index=False)["moves"].sum()
        parts.append(part.assign(**dict.fromkeys(summed, ALL)))
    return pd.concat(parts, ignore_index=True)[[*keys, "moves"]]


def _labelled(cells: pd.DataFrame) -> pd.DataFrame:
    """Return the cells with a key, a label and a kind for each end (an area by its name, any
    other place by its municipality)."""
    named = {}
    for end, side, other in (("origin", "from", "to"), ("destination", "to", "from")):
        area, code = cells[f"{side}_area"], cells[f"{side}_municipality"].astype("int64")
        place = code.map(municipality_name)
        in_area = area.notna().to_numpy()
        named[f"{end}_key"] = np.where(
            in_area, "area:" + area.astype(str), "code:" + code.astype(str)
        )
        named[end] = np.where(in_area, area.astype(str), place)
        named[f"{end}_kind"] = np.select(
            [
                in_area,
                (code == ABROAD).to_numpy(),
                (code == cells[f"{other}_municipality"]).to_numpy(),
            ],
            ["area", "abroad", "no_area"],
            "municipality",
        )
        named[f"{end}_municipality"] = code.to_numpy()
    extra = pd.DataFrame(named, index=cells.index)
    return pd.concat([cells.drop(columns=_RAW), extra], axis=1)


def _line_owners(data: Dataset) -> set[str]:
    """Return the keys of the places whose moves in and out the net-migration table publishes:
    the areas and the rest of each of their municipalities."""
    areas = data.areas.select("area", "municipality").distinct().to_pandas()
    return {f"area:{a}" for a in areas["area"]} | {f"code:{m}" for m in areas["municipality"]}


def _line_columns(cells: pd.DataFrame, owners: set[str]) -> pd.DataFrame:
    """Return the cells with `out_line` and `in_line`: for the whole population, the owner's
    moves out (in) within its municipality or with other places; else a line of its own."""
    whole = ((cells["age_band"] == ALL) & (cells["household_type"] == ALL)).to_numpy()
    internal = (cells["origin_municipality"] == cells["destination_municipality"]).to_numpy()
    side = np.where(internal, "|internal", "|external")
    alone = np.array([f"#{n}" for n in range(len(cells))], dtype=object)
    columns = {}
    for name, end in (("out_line", "origin_key"), ("in_line", "destination_key")):
        owned = whole & cells[end].isin(owners).to_numpy()
        columns[name] = np.where(owned, cells[end].to_numpy(dtype=object) + side, alone)
    return cells.assign(**columns)


def _lines(year: Sequence[str] = ()) -> list[list[str]]:
    """Return the published sums: over age bands, over household types, each owner's lines."""
    ends, year = ["origin_key", "destination_key"], list(year)
    return [
        [*year, *ends, "household_type"],
        [*year, *ends, "age_band"],
        [*year, "out_line"],
        [*year, "in_line"],
    ]


def _yearly_hidden(
    yearly: pd.DataFrame, nets: pd.DataFrame, owners: set[str], threshold: int
) -> pd.DataFrame:
    """Return the mask of the single years' cells: small ones, one behind every net the
    net-migration table hides, and their complements."""
    cells = _line_columns(yearly.reset_index(drop=True), owners)
    small = primary_mask(cells, counts=["moves"], threshold=threshold)["moves"].to_numpy()
    start = pd.DataFrame({"moves": small | _behind_hidden_nets(cells, nets, small)})
    return hidden_mask(cells, counts=["moves"], threshold=threshold,
                       lines=_lines(["year"]), start=start)  # fmt: skip


def _behind_hidden_nets(cells: pd.DataFrame, nets: pd.DataFrame, hidden: np.ndarray) -> np.ndarray:
    """Return True for the smallest cell of every hidden net (year, line) none of whose cells
    is hidden yet: so the flow lists never add up to a net the net-migration table hides."""
    members = pd.concat(
        [cells[["year", column, "moves"]].rename(columns={column: "line"}).assign(
            row=np.arange(len(cells)), hidden=hidden) for column in ("out_line", "in_line")]
    )  # fmt: skip
    behind = members.merge(nets, on=["year", "line"])
    behind = behind[behind["moves"] > 0]
    open_lines = behind.groupby(["year", "line"])["hidden"].transform("any") == False  # noqa: E712
    chosen = (
        behind[open_lines].sort_values("moves", kind="stable").drop_duplicates(["year", "line"])
    )
    result = np.zeros(len(cells), dtype=bool)
    result[chosen["row"].to_numpy(dtype=np.int64)] = True
    return result


def _hidden_nets(
    data: Dataset, params: build.Params, threshold: int, known: YearlyNets | None
) -> pd.DataFrame:
    """Return the lines (year, owner key|internal or |external) of the nets the net-migration
    table hides in single years, for its areas and the rest of each municipality."""
    yearly, mask = nets_of(data, params, threshold, known)
    owner = np.where(yearly["area_kind"] == "area", "area:" + yearly["area"].astype(str),
                     "code:" + yearly["municipality"].astype(str))  # fmt: skip
    kept = (yearly["area_kind"] != "total").to_numpy()
    parts = [
        pd.DataFrame({"year": yearly["year"], "line": owner + side})[mask[net].to_numpy() & kept]
        for net, side in (("net_internal", "|internal"), ("net_external", "|external"))
    ]
    hidden: pd.DataFrame = pd.concat(parts, ignore_index=True)
    return hidden.drop_duplicates()
