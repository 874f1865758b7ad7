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
_Dim = tuple[str, list[str]]


def web_reading(rows: list[Line], problems: Problems) -> Reading:
    """Return the observations of a download from statistikbanken.dk, or none and problems."""
    headings, data = _sections(rows)
    if not data:
        problems.add(f"no data lines: expected semicolon-separated StatBank FLY66 data. {LAYOUTS}")
        return Reading.empty()
    data, width = _even(data, problems)
    grid = np.array([cells[:width] for _, cells in data], dtype=object).reshape(len(data), width)
    stub = _stub_width(headings, grid, data[0][0], problems)
    if stub is None:
        return Reading.empty(len(data))
    across = _headings(headings, stub, width, problems)
    counts = width - stub
    labels = _fill_down([(line, cells[:stub]) for line, cells in data], problems)
    dims = [(f"column {p + 1}", [lab[p] for _, lab in labels]) for p in range(stub)]
    dims += [(f"the heading on line {line}", texts) for line, texts in across]
    hint = "" if across or counts == 1 else _NO_HEADINGS.format(counts=counts)
    roles = _roles(dims, hint, problems)
    if roles is None:
        return Reading.empty(len(data))
    if not across and counts >= 3:
        _refuse_a_total(grid[:, stub:], stub, data[0][0], problems)
    table = _table(grid[:, stub:], labels, across, roles, stub)
    return Reading(table, len(data), _describe(stub, counts, len(across)))


_NO_HEADINGS = (
    "This download has no heading lines, so its {counts} counts a line are not named: download "
    "it again with the heading lines, or with this variable among the labels on the left. "
)


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
                f"expected {width} values separated by ';' as on line {data[0][0]}, "
                f"found {len(cells)}",
                line,
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
        problems.add(
            "only numbers: the lines hold no names ('Til Herning', 'Kvinder'), so the labels "
            f"cannot be told from the counts. {LAYOUTS}",
            first,
        )
        return None
    starts = [p for p in map(_heading_start, (cells for _, cells in headings)) if p is not None]
    if starts:
        stub = min(starts)
        late = [p for p in named if p >= stub]
        if late:
            problems.add(
                f"the heading lines put counts from column {stub + 1} on, but column "
                f"{late[0] + 1} holds labels such as {columns[late[0]].first_name()!r}: the "
                f"headings and the lines do not line up. {LAYOUTS}",
                first,
                str(late[0] + 1),
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
                f"column {p + 1} holds numbers such as {column.first()!r} among the labels: a "
                "label column holds names or codes, never counts, so the labels cannot be told "
                f"from the counts. {LAYOUTS}",
                first,
                str(p + 1),
            )
            return None
    if stub >= len(columns):
        problems.add(f"no counts: expected the moves to the right of the labels. {LAYOUTS}", first)
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
            f"columns {stub + 1} and {years[1] + 1} both hold only years: cannot tell the year "
            f"from the counts. {LAYOUTS}",
            first,
            str(years[1] + 1),
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
            problems.add(
                f"the heading names {len(cells) - stub} columns of counts, but the lines hold "
                f"{width - stub}",
                line,
            )
        texts, last = [], ""
        for p in range(stub, width):
            text = cells[p] if p < len(cells) else ""
            last = text or (last if index < len(lines) - 1 else "")
            if not last:
                problems.add(f"no heading above column {p + 1}", line, str(p + 1))
            texts.append(last)
        found.append((line, texts))
    seen: dict[tuple[str, ...], int] = {}
    for p, names in enumerate(zip(*(texts for _, texts in found), strict=True)):
        if names in seen:
            problems.add(
                f"columns {seen[names] + 1} and {stub + p + 1} have the same heading "
                f"{' / '.join(names)!r}: cannot tell them apart. {LAYOUTS}",
                found[-1][0],
                str(stub + p + 1),
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
                problems.add("empty label with no label above it to repeat", line, str(i + 1))
        filled.append((line, current))
        previous = current
    return filled


def _roles(dims: list[_Dim], hint: str, problems: Problems) -> list[str | None] | None:
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
            problems.add(
                f"{name} holds both to-municipalities ('Til Herning') and from-"
                f"municipalities ('Fra Herning'): cannot tell which it is. {LAYOUTS}"
            )
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
            problems.add(
                f"{' and '.join(holders)} all hold the {what}: cannot tell which is meant. "
                f"{LAYOUTS}"
            )
            return None
    if "to" not in roles or "from" not in roles:
        problems.add(
            "this is not FLY66: expected a column of to-municipalities ('Til Herning') "
            f"and one of from-municipalities ('Fra Herning'). {hint}{LAYOUTS}"
        )
        return None
    if "year" not in roles:
        problems.add(
            "no year: expected a column of years (2024) or a line of years above the values. "
            f"{hint}{LAYOUTS}"
        )
        return None
    return roles


def _refuse_a_total(counts: np.ndarray, stub: int, first: int, problems: Problems) -> None:
    """Refuse counts without headings when one column is the sum of the others on every line:
    a total ("I alt") added to its parts would count every move twice."""
    column = total_column(counts)
    if column is not None:
        problems.add(
            f"the counts in column {stub + column + 1} are the sum of the line's other counts "
            "on every line: a total ('I alt') among counts without headings would count every "
            "move twice. Download the table again with the heading lines, or without the total. "
            f"{LAYOUTS}",
            first,
            str(stub + column + 1),
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
