"""The typed columns of the contract's files: how each is checked and converted from text.

Each function returns SQL over a staged text column (see sources.py): a conversion expression,
or the checks that must pass before the conversion can be trusted.
"""

from __future__ import annotations

from samskab.facts.checks import Check
from samskab.facts.municipalities import ABROAD, municipality_codes
from samskab.facts.sources import ident

HOUSEHOLD_TYPES = (
    "single_no_children",
    "single_with_children",
    "couple_no_children",
    "couple_with_children",
    "other",
)
MAX_AGE = 125
_ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_AGE_BAND = r"[0-9]{1,3}(-[0-9]{1,3}|\+)"


def municipality_code(name: str, *, table: str | None = None) -> str:
    """Return SQL for the column (of `table`, when given) as an INTEGER code (0 = abroad),
    NULL when not code-shaped."""
    column = f"{table}.{ident(name)}" if table else ident(name)
    return (
        f"(CASE WHEN lower({column}) IN ('abroad', 'udland') THEN {ABROAD} "
        f"WHEN regexp_full_match({column}, '0?[0-9]{{3}}') THEN CAST({column} AS INTEGER) END)"
    )


def municipality_checks(name: str, *, allow_abroad: bool = True) -> list[Check]:
    """Return checks for a required municipality column."""
    column = ident(name)
    code = municipality_code(name)
    official = ", ".join(str(c) for c in sorted(municipality_codes()))
    expected = {
        "expected": "3 digits such as 760 (0760 also works)"
        + (", or 'abroad'" if allow_abroad else "")
    }
    checks = [
        Check(name, f"{column} IS NULL", "empty_municipality", expected),
        Check(name, f"{column} IS NOT NULL AND {code} IS NULL", "not_municipality", expected),
        Check(name, f"{code} <> {ABROAD} AND {code} NOT IN ({official})", "unknown_municipality"),
    ]
    if not allow_abroad:
        checks.append(Check(name, f"{code} = {ABROAD}", "not_allowed_here"))
    return checks


def parish_checks(
    name: str, *, municipality: str | None = None, required: bool = False
) -> list[Check]:
    """Return checks for a parish column; with `municipality`, a parish abroad is refused."""
    column = ident(name)
    checks = [
        Check(
            name,
            f"{column} IS NOT NULL AND NOT regexp_full_match({column}, '[0-9]{{4}}')",
            "not_parish",
        )
    ]
    if required:
        checks.append(Check(name, f"{column} IS NULL", "empty_parish"))
    if municipality is not None:
        checks.append(
            Check(
                name,
                f"{column} IS NOT NULL AND {municipality_code(municipality)} = {ABROAD}",
                "parish_abroad",
                {"name": name, "municipality": municipality},
            )
        )
    return checks


def parish_code(name: str) -> str:
    """Return SQL for the column as an INTEGER parish code (NULL when empty or malformed)."""
    column = ident(name)
    return (
        f"(CASE WHEN regexp_full_match({column}, '[0-9]{{4}}') THEN CAST({column} AS INTEGER) END)"
    )


def date_checks(name: str) -> list[Check]:
    """Return checks for a required ISO date column."""
    column = ident(name)
    return [
        Check(name, f"{column} IS NULL", "empty_date"),
        Check(
            name,
            f"{column} IS NOT NULL AND (NOT regexp_full_match({column}, '{_ISO_DATE}') "
            f"OR try_strptime({column}, '%Y-%m-%d') IS NULL)",
            "not_date",
        ),
    ]


def whole_number_checks(
    name: str, *, low: int, high: int | None, required: bool, what: str
) -> list[Check]:
    """Return checks that the column holds whole numbers in [low, high]."""
    column = ident(name)
    bounded = "_between" if high is not None else "_at_least"
    params = {"what": what, "low": low, "high": high}
    number = f"TRY_CAST({column} AS BIGINT)"
    checks = [
        Check(
            name,
            f"{column} IS NOT NULL AND "
            f"(NOT regexp_full_match({column}, '-?[0-9]+') OR {number} IS NULL)",
            "not_whole" + bounded,
            params,
        ),
        Check(
            name,
            f"{number} < {low}" + (f" OR {number} > {high}" if high is not None else ""),
            "out_of_range" + bounded,
            params,
        ),
    ]
    if required:
        checks.insert(0, Check(name, f"{column} IS NULL", "empty_number" + bounded, params))
    return checks


def choice_checks(name: str, choices: tuple[str, ...], *, lower: bool = True) -> list[Check]:
    """Return a check that a non-empty value is one of `choices`."""
    column = ident(name)
    value = f"lower({column})" if lower else column
    listed = ", ".join(f"'{c}'" for c in choices)
    return [
        Check(
            name,
            f"{column} IS NOT NULL AND {value} NOT IN ({listed})",
            "not_a_choice",
            {"choices": ", ".join(choices)},
        )
    ]


def age_band_checks(name: str) -> list[Check]:
    """Return a check that an age band reads like 18-29 or 65+."""
    column = ident(name)
    return [
        Check(
            name,
            f"{column} IS NOT NULL AND NOT regexp_full_match({column}, '{_AGE_BAND}')",
            "not_age_band",
        )
    ]
