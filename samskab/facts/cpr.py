"""What a CPR number looks like, in every spelling a register or a survey may hold one.

A value is CPR-shaped when it holds
- DDMMYY and four digits, with a hyphen, an en or em dash, a minus sign, a space (or a
  no-break space) or nothing between them, not inside a longer run of digits (so also inside
  text: "ring 120388-2231"); or
- as the whole value, nine digits DMMYYSSSS: the CPR number of someone born on day 1–9 that
  Excel stored as a number and so lost its leading zero (809871234 = 080987-1234);
where DDMMYY is a real date (29 February in every year divisible by four, 00 included).

A column of numeric pseudonyms is not refused for its date-shaped values: about one in 27
random 10-digit numbers and one in 8 random 9-digit ones read as a date by chance. A column
counts as such when every value is a plain number, at least MIN_PSEUDONYMS of them have 9 or 10
digits, and fewer than half of those are CPR-shaped; a column of real CPR numbers is CPR-shaped
throughout. A CPR number written with a separator, or in text, or in a column of any other kind
is always refused.

The rule is written once, in Python (`is_cpr_shaped`); a SQL scan (`shaped_sql`) first applies a
regular expression that every CPR-shaped value matches, so that the rule is called only on the
few values that might be one.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module is imported by every message; DuckDB only by the importers
    from samskab.facts.sql import Connection

MIN_PSEUDONYMS = 20
MIN_LENGTH = 9  # no CPR-shaped value is shorter: nine digits at least
REDACTED = "[a CPR-shaped value]"
# What to do about a CPR-shaped value: registers must be pseudonymised, surveys must not hold
# CPR numbers at all. Each names the message codes ("cpr_cell_register", …) of problem_texts.
REGISTER_REMEDY = "register"
SURVEY_REMEDY = "survey"

_SPACE = " \u00a0\u2009\u202f"  # space, no-break space, thin space, narrow no-break space
_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen-minus, hyphens, dashes, minus sign
_SEPARATOR = f"[{_SPACE}]?[{_DASH}]?[{_SPACE}]?"
TEN = re.compile(rf"(?<![0-9])([0-9]{{6}}){_SEPARATOR}[0-9]{{4}}(?![0-9])")
BLANK = " \t\r\n\u00a0"  # what may stand around a whole value (a staged value is trimmed)
NINE = re.compile(r"([1-9][0-9]{4})[0-9]{4}(?:\.0+)?")
_NINE_IN_TEXT = re.compile(r"(?<![0-9])([1-9][0-9]{4})[0-9]{4}(?![0-9])")
_DAY_MONTH = "(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])"
_CANDIDATE = (
    f"{_DAY_MONTH}[0-9]{{2}}{_SEPARATOR}[0-9]{{4}}"
    f"|^[{BLANK}]*[1-9](0[1-9]|1[0-2])[0-9]{{6}}(\\.0+)?[{BLANK}]*$"
)
_NUMBER = r"[0-9]+(\.0+)?"
_WIDE_NUMBER = r"[0-9]{9,10}(\.0+)?"
FUNCTION = "samskab_cpr_shaped"  # the rule's name in SQL


def is_cpr_shaped(text: str | None) -> bool:
    """Return True when the text holds a CPR-shaped value (see the module's docstring)."""
    if not text:
        return False
    if any(_is_date(match.group(1)) for match in TEN.finditer(text)):
        return True
    nine = NINE.fullmatch(text.strip(BLANK))
    return nine is not None and _is_date("0" + nine.group(1))


def redact(text: str) -> str:
    """Return the text with every CPR-shaped part (nine digits in text too) replaced."""
    text = TEN.sub(lambda m: REDACTED if _is_date(m.group(1)) else m.group(0), text)
    return _NINE_IN_TEXT.sub(lambda m: REDACTED if _is_date("0" + m.group(1)) else m.group(0), text)


def _is_date(ddmmyy: str) -> bool:
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    try:
        # A leap year: 2000 + year is one exactly when 1900 + year (or 1800 + year) may be.
        datetime.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def register_rule(con: Connection) -> None:
    """Make `is_cpr_shaped` callable in the connection's SQL (once per connection); another
    engine than DuckDB has it from the start (spark_sql.py)."""
    import duckdb

    if not isinstance(con, duckdb.DuckDBPyConnection):
        return
    exists = con.execute(
        "SELECT 1 FROM duckdb_functions() WHERE function_name = ?", [FUNCTION]
    ).fetchall()
    if not exists:
        con.create_function(FUNCTION, is_cpr_shaped, ["VARCHAR"], "BOOLEAN")


def shaped_sql(column: str) -> str:
    """Return SQL that is true where the (quoted) text column holds a CPR-shaped value; the
    connection needs `register_rule`."""
    # CASE calls the Python rule only on the rare values the pattern lets through; the
    # pattern is tried only on values long enough to hold nine digits.
    return (
        f"CASE WHEN length({column}) >= {MIN_LENGTH} AND regexp_matches({column}, '{_CANDIDATE}') "
        f"THEN {FUNCTION}({column}) ELSE false END"
    )


def number_counts_sql(column: str) -> list[str]:
    """Return SQL aggregates for `is_pseudonym_column`: values, plain numbers, 9–10 digits."""
    return [
        f"count({column})",
        f"count(*) FILTER (WHERE regexp_full_match({column}, '{_NUMBER}'))",
        f"count(*) FILTER (WHERE regexp_full_match({column}, '{_WIDE_NUMBER}'))",
    ]


def is_pseudonym_column(shaped: int, values: int, numbers: int, wide: int) -> bool:
    """Return True for a column of numeric pseudonyms whose CPR-shaped values are chance
    (counts of CPR-shaped values, non-empty values, plain numbers, 9–10 digit numbers)."""
    return numbers == values and wide >= MIN_PSEUDONYMS and 2 * shaped < wide


def header_positions(names: list[str]) -> list[int]:
    """Return the 1-based positions of the column names that are CPR-shaped."""
    return [position for position, name in enumerate(names, 1) if is_cpr_shaped(str(name))]


def cell_code(remedy: str) -> str:
    """Return the problem code for a CPR-shaped cell: its message never holds the value."""
    return f"cpr_cell_{remedy}"


def label_code(remedy: str) -> str:
    """Return the problem code for a column whose label (its question, an answer's label) is
    CPR-shaped."""
    return f"cpr_label_{remedy}"


def header_code(remedy: str) -> str:
    """Return the problem code for a CPR-shaped column name, which names the column by its
    position (parameter `position`)."""
    return f"cpr_header_{remedy}"
