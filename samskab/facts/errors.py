"""Errors the fact base reports to a user: each names the file, the row and the column."""

from __future__ import annotations

from dataclasses import dataclass

from samskab.facts.cpr import redact


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    `row` is the line number in the file as a user sees it in an editor (the header is row 1),
    or None when the problem concerns the whole file or a missing row; `column` is the header
    name, or None when the problem is not tied to a column.

    The checks never quote a CPR-shaped value; should a message come from elsewhere (a library's
    error text), any CPR-shaped part of the message or column is replaced all the same.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", redact(self.message))
        if self.column is not None:
            object.__setattr__(self, "column", redact(self.column))

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


EXAMPLE_ROWS = 3  # rows shown for one problem before "… and N more rows"


def more_rows(file: str, count: int, column: str | None) -> Problem:
    """Return the problem that stands for `count` further rows with the problem just shown."""
    return Problem(file, f"… and {count:,} more rows with the same problem", column=column)


class FactsError(Exception):
    """Base class for every error the fact base raises for a user to read."""


class InputError(FactsError):
    """Input that cannot be imported; carries every problem found (the first ones of each kind)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class AnalysisUnavailable(FactsError):
    """An analysis that the given data cannot support (e.g. retention from counted flows)."""
