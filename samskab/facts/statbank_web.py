"""Downloads from statistikbanken.dk: title, heading and data lines, read into observations.

A download is laid out as the user arranged the table on the web page:

    "Flytninger mellem kommuner efter ..."        the title and "Enhed: antal" (optional)
    "";"";"";"";"0 år";"1 år";...                 heading lines (optional): one per variable
                                                  across the columns, outermost first
    "Kvinder";"2024";"Til København";"Fra Frederiksberg";41;30;...
    "";"";"";"Fra Gentofte";12;9;...              a label the same as above may be left empty

The labels on the left (the stub) are the columns holding names or codes (years, municipality
codes); the counts are every column to their right. With heading lines each count is an
observation of its own, under its headings; without them the counts of a line cannot be told
apart, so they are added up, after checking that none of them is the total of the others.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from samskab.common.texts import part
from samskab.facts.problem_texts import PROBLEMS
from samskab.facts.statbank_layout import (
    LAYOUTS,
    PREFIX,
    Column,
    Problems,
    Reading,
    is_count,
    is_year,
    label_code,
    total_column,
)

Line = tuple[int, list[str]]

# Names the web interface may put above the labels (the stub's variables), left of the headings.
_VARIABLE_NAMES = {
    "", "tilflytningskommune", "fraflytningskommune", "tilkommune", "frakommune", "alder", "køn",
    "tid", "age", "sex", "time", "to municipality", "from municipality",
}  # fmt: skip
_ROLE_NAMES = {"to": "to municipality", "from": "from municipality", "year": "year"}


# A variable of the download: its name for messages ("column 3", "the heading on line 2") and
# its labels, one per data line (a label column) or one per column of counts (a heading line).
_Dim = tuple[dict[str, Any], list[str]]


def web_reading(rows: list[Line], problems: Problems) -> Reading:
    """Return the observations of a download from statistikbanken.dk, or none and problems."""
    headings, data = _sections(rows)
    if not data:
        problems.add("no_data_lines", layouts=LAYOUTS)
        return Reading.empty()
    data, width = _even(data, problems)
    grid = np.array([cells[:width] for _, cells in data], dtype=object).reshape(len(data), width)
    stub = _stub_width(headings, grid, data[0][0], problems)
    if stub is None:
        return Reading.empty(len(data))
    across = _headings(headings, stub, width, problems)
    counts = width - stub
    labels = _fill_down([(line, cells[:stub]) for line, cells in data], problems)
    dims = [(part(PROBLEMS["dim_column"], number=p + 1), [lab[p] for _, lab in labels])
            for p in range(stub)]  # fmt: skip
    dims += [(part(PROBLEMS["dim_heading"], number=line), texts) for line, texts in across]
    hint: Any = "" if across or counts == 1 else part(PROBLEMS["no_headings"], counts=counts)
    roles = _roles(dims, hint, problems)
    if roles is None:
        return Reading.empty(len(data))
    if not across and counts >= 3:
        _refuse_a_total(grid[:, stub:], stub, data[0][0], problems)
    table = _table(grid[:, stub:], labels, across, roles, stub)
    return Reading(table, len(data), _describe(stub, counts, len(across)))


def _sections(rows: list[Line]) -> tuple[list[Line], list[Line]]:
    """Return the heading lines and the data lines; titles, the unit and footnotes are left."""
    headings: list[Line] = []
    data: list[Line] = []
    for line, cells in rows:
        filled = [i for i, c in enumerate(cells) if c]
        if data:
            if len(filled) >= 2:
                data.append((line, cells))  # else a footnote ("Kilde: Danmarks Statistik")
        elif (
            cells[0].casefold() not in _VARIABLE_NAMES
            and len(filled) >= 2
            and is_count(cells[filled[-1]])
        ):
            data.append((line, cells))
        elif filled and filled[-1] > 0 and cells[0].casefold() in _VARIABLE_NAMES:
            headings.append((line, cells))
    return headings, data


def _even(data: list[Line], problems: Problems) -> tuple[list[Line], int]:
    """Return the lines as wide as the first one, and that width less empty columns at the end."""
    width = len(data[0][1])
    kept = []
    for line, cells in data:
        if len(cells) == width:
            kept.append((line, cells))
        else:
            problems.add(
                "values_as_on_line", line, width=width, other_line=data[0][0], found=len(cells)
            )
    while width > 1 and all(not cells[width - 1] for _, cells in kept):
        width -= 1  # every line ends in ';'
    return kept, width


def _stub_width(
    headings: list[Line], grid: np.ndarray, first: int, problems: Problems
) -> int | None:
    """Return the number of label columns on the left; every column right of them is counts."""
    columns = [Column.of(grid[:, p]) for p in range(grid.shape[1])]
    named = [p for p, column in enumerate(columns) if column.holds_names()]
    if not named:
        problems.add("only_numbers", first, layouts=LAYOUTS)
        return None
    starts = [p for p in map(_heading_start, (cells for _, cells in headings)) if p is not None]
    if starts:
        stub = min(starts)
        late = [p for p in named if p >= stub]
        if late:
            label = repr(columns[late[0]].first_name())
            problems.add(
                "headings_misaligned",
                first,
                str(late[0] + 1),
                start=stub + 1,
                label_column=late[0] + 1,
                label=label,
                layouts=LAYOUTS,
            )
            return None
    else:
        found = _year_at_the_end(columns, max(named) + 1, first, problems)
        if found is None:
            return None
        stub = found
    for p in range(stub):
        column = columns[p]
        if not (column.holds_names() or column.all(is_year) or column.all(_code)):
            problems.add(
                "numbers_among_labels",
                first,
                str(p + 1),
                position=p + 1,
                value=repr(column.first()),
                layouts=LAYOUTS,
            )
            return None
    if stub >= len(columns):
        problems.add("no_counts", first, layouts=LAYOUTS)
        return None
    return stub


def _year_at_the_end(
    columns: list[Column], stub: int, first: int, problems: Problems
) -> int | None:
    """Return the stub's width when a column of years follows the names (no heading lines)."""
    if any(columns[p].all(is_year) for p in range(stub)):
        return stub
    years = [p for p in range(stub, len(columns)) if columns[p].all(is_year)]
    if years[:1] != [stub] or stub + 1 == len(columns):
        return stub  # no year here: _roles says so
    if len(years) > 1:
        problems.add(
            "two_year_columns",
            first,
            str(years[1] + 1),
            first_column=stub + 1,
            second_column=years[1] + 1,
            layouts=LAYOUTS,
        )
        return None
    return stub + 1


def _code(text: str) -> bool:
    return text.isdigit() and label_code(text) is not None


def _heading_start(cells: list[str]) -> int | None:
    return next((p for p, c in enumerate(cells) if c and c.casefold() not in _VARIABLE_NAMES), None)


def _headings(
    headings: list[Line], stub: int, width: int, problems: Problems
) -> list[tuple[int, list[str]]]:
    """Return each heading line's label per count column. An outer variable's label stands
    above the first column of its block only, so it is repeated to the right; the innermost
    line must name every column."""
    found = []
    lines = [(line, cells) for line, cells in headings if any(cells[stub:])]
    for index, (line, cells) in enumerate(lines):
        if any(cells[width:]):
            problems.add("heading_width", line, named=len(cells) - stub, held=width - stub)
        texts, last = [], ""
        for p in range(stub, width):
            text = cells[p] if p < len(cells) else ""
            last = text or (last if index < len(lines) - 1 else "")
            if not last:
                problems.add("no_heading_above", line, str(p + 1), position=p + 1)
            texts.append(last)
        found.append((line, texts))
    seen: dict[tuple[str, ...], int] = {}
    for p, names in enumerate(zip(*(texts for _, texts in found), strict=True)):
        if names in seen:
            problems.add(
                "same_heading",
                found[-1][0],
                str(stub + p + 1),
                first_column=seen[names] + 1,
                second_column=stub + p + 1,
                heading=repr(" / ".join(names)),
                layouts=LAYOUTS,
            )
        seen.setdefault(names, stub + p)
    return found


def _fill_down(lines: list[Line], problems: Problems) -> list[Line]:
    """Return the label lines with empty labels repeated from the line above, as the web shows."""
    filled: list[Line] = []
    previous: list[str] = []
    for line, stub in lines:
        current = [c or (previous[i] if i < len(previous) else "") for i, c in enumerate(stub)]
        for i, cell in enumerate(current):
            if not cell:
                problems.add("empty_label", line, str(i + 1))
        filled.append((line, current))
        previous = current
    return filled


def _roles(dims: list[_Dim], hint: Any, problems: Problems) -> list[str | None] | None:
    """Return what each variable holds: "to", "from", "year", or None (age, sex, ...)."""
    roles: list[str | None] = []
    unnamed: list[int] = []
    for i, (name, texts) in enumerate(dims):
        distinct = Counter(texts)
        prefixes = {m.group(1).casefold() for m in map(PREFIX.match, distinct) if m}
        kinds = {"to" if p in ("til", "to") else "from" for p in prefixes}
        if all(is_year(t) for t in distinct):
            roles.append("year")
        elif len(kinds) > 1:
            problems.add("both_directions", name=name, layouts=LAYOUTS)
            return None
        elif kinds:
            roles.append(kinds.pop())
        else:
            roles.append(None)
            places = sum(n for t, n in distinct.items() if label_code(t) is not None)
            if 2 * places >= len(texts):
                unnamed.append(i)
    for i, role in zip(unnamed, [r for r in ("to", "from") if r not in roles], strict=False):
        roles[i] = role  # FLY66 lists the to-municipality before the from-municipality
    for role, what in _ROLE_NAMES.items():
        holders = [name for (name, _), r in zip(dims, roles, strict=True) if r == role]
        if len(holders) > 1:
            problems.add("all_hold", names=holders, what=what, layouts=LAYOUTS)
            return None
    if "to" not in roles or "from" not in roles:
        problems.add("not_fly66_directions", hint=hint, layouts=LAYOUTS)
        return None
    if "year" not in roles:
        problems.add("no_year_column", hint=hint, layouts=LAYOUTS)
        return None
    return roles


def _refuse_a_total(counts: np.ndarray, stub: int, first: int, problems: Problems) -> None:
    """Refuse counts without headings when one column is the sum of the others on every line:
    a total ("I alt") added to its parts would count every move twice."""
    column = total_column(counts)
    if column is not None:
        problems.add(
            "total_among_counts",
            first,
            str(stub + column + 1),
            position=stub + column + 1,
            layouts=LAYOUTS,
        )


def _table(
    counts: np.ndarray,
    labels: list[Line],
    across: list[tuple[int, list[str]]],
    roles: list[str | None],
    stub: int,
) -> pd.DataFrame:
    """Return a row per count: the line's labels, the column's headings, and the count. Texts
    are categorical: a label repeats on many rows and is converted once."""
    n, k = counts.shape
    lines = np.array([line for line, _ in labels])
    positions = _tiled([str(stub + j + 1) for j in range(k)], n)
    table: dict[str, Any] = {}
    others = 0
    for d, role in enumerate(roles):
        if d < stub:
            texts = _repeated([lab[d] for _, lab in labels], k)
            rows: Any = np.repeat(lines, k)
            column: Any = f"{d + 1} ({_ROLE_NAMES.get(role or '', 'label')})"
        else:
            at, heads = across[d - stub]
            texts, rows, column = _tiled(heads, n), at, positions
        if role is None:
            table[f"other_{others}"] = texts
            others += 1
        else:
            table[role], table[f"{role}_row"], table[f"{role}_column"] = texts, rows, column
    if across:
        names = [" / ".join(heads[j] for _, heads in across) for j in range(k)]
    else:
        names = [f"{stub + j + 1} (moves)" for j in range(k)]
    table["moves"] = pd.Categorical(counts.reshape(-1))
    table["moves_row"] = np.repeat(lines, k)
    table["moves_column"] = _tiled(names, n)
    table["labelled"] = bool(across) or k == 1
    return pd.DataFrame(table)


def _repeated(texts: list[str], times: int) -> Any:
    """Return each text `times` times in a row, as a categorical."""
    codes, uniques = pd.factorize(np.array(texts, dtype=object))
    return pd.Categorical.from_codes(np.repeat(codes, times), categories=pd.Index(uniques))


def _tiled(texts: list[str], times: int) -> Any:
    """Return the texts over and over, `times` times, as a categorical."""
    codes, uniques = pd.factorize(np.array(texts, dtype=object))
    return pd.Categorical.from_codes(np.tile(codes, times), categories=pd.Index(uniques))


def _describe(stub: int, counts: int, headings: int) -> str:
    if headings:
        lines = "a heading line" if headings == 1 else f"{headings} heading lines"
        return (
            f"a download with {lines} above {counts} columns of counts, each kept apart; "
            f"labels in {stub} columns"
        )
    if counts == 1:
        return f"a download with the labels in {stub} columns and one count a line"
    return (
        f"a download without heading lines: labels in {stub} columns, {counts} counts a line, "
        "added up"
    )
