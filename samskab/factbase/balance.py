"""StatBank FLY66 figures kept per project and year: every municipality's migration balance.

A facilitator uploads FLY66 files (one, or several: a download split by sex and age); they are
read with `samskab.facts.statbank`, the balance of each year they hold is kept with the project
(replacing that year's earlier figures) together with what was read, and the files are deleted.
The page, its chart and the presentation slide all start from `period_balance`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samskab.core.people import person_name
from samskab.factbase import charts
from samskab.factbase.models import StatbankYear
from samskab.facts.errors import FactsError, InputError, Problem
from samskab.facts.municipalities import municipality_name
from samskab.facts.statbank import Fly66Read, municipality_balance, read_statbank
from samskab.projects.models import Project

YEAR_COLUMNS = ["year", "moves_in", "moves_out", "net"]


@dataclass
class PeriodBalance:
    """The balance of a period: every municipality's (own first), and the own one per year."""

    first: int
    last: int
    municipality: str
    rows: list[dict[str, Any]]
    per_year: pd.DataFrame
    moves: int  # moves between two municipalities in the period, all of them
    readings: list[dict[str, Any]] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # years of the period not kept

    @property
    def own(self) -> dict[str, Any] | None:
        return self.rows[0] if self.rows and self.rows[0]["own"] else None


def read_uploads(uploads: list[Any]) -> Fly66Read | list[Problem]:
    """Return what the uploaded FLY66 files hold, or their problems, named as the user knows
    the files (never by their path on the server). The files are deleted after reading."""
    folder = Path(tempfile.mkdtemp(prefix="fly66-", dir=_scratch()))
    names: dict[str, str] = {}
    try:
        paths = []
        for number, upload in enumerate(uploads):
            # A number of its own for each file: two uploads may have the same name.
            path = folder / f"{number}-{Path(upload.name).name}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            names[str(path)] = upload.name
            paths.append(path)
        read = read_statbank(paths)
        if read.moves.empty:
            return [Problem(", ".join(names.values()), _("the files hold no moves"))]
    except InputError as error:
        return [_renamed(p, names) for p in error.problems]
    except FactsError as error:
        file = ", ".join(names.values())
        return [Problem(file, str(error), code=error.code, params=dict(error.params))]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return _with_names(read, names)


def _renamed(problem: Problem, names: dict[str, str]) -> Problem:
    """Return the problem with each uploaded file named as the user knows it."""

    def named(text: str) -> str:
        for path, name in names.items():
            text = text.replace(path, name)
        return text

    params = {k: named(v) if isinstance(v, str) else v for k, v in problem.params.items()}
    file = names.get(problem.file, problem.file)
    return replace(problem, file=file, message=named(problem.message), params=params)


def _with_names(read: Fly66Read, names: dict[str, str]) -> Fly66Read:
    files = tuple(replace(f, file=names.get(f.file, f.file)) for f in read.files)
    return Fly66Read(read.moves, files)


def store(project: Project, read: Fly66Read, user: Any) -> list[int]:
    """Keep the balance of every year read, replacing the project's figures for those years;
    return the years."""
    summary = read.summary()
    with transaction.atomic():
        for year in read.years:
            table = municipality_balance(read.moves, first_year=year, last_year=year)
            StatbankYear.objects.update_or_create(
                project=project,
                year=year,
                defaults={
                    "balance": [
                        [int(r.municipality_code), int(r.moves_in), int(r.moves_out)]
                        for r in table.itertuples()
                    ],
                    "moves": int(table["moves_in"].sum()),
                    "reading": summary,
                    "uploaded_by": user if getattr(user, "is_authenticated", False) else None,
                },
            )
    return read.years


def kept_years(project: Project) -> list[int]:
    """Return the years the project keeps StatBank figures for."""
    return list(project.statbank_years.order_by("year").values_list("year", flat=True))


def default_period(years: list[int]) -> tuple[int, int]:
    """Return the last run of consecutive kept years."""
    first = last = years[-1]
    while first - 1 in years:
        first -= 1
    return first, last


def period_balance(project: Project, first: int, last: int) -> PeriodBalance:
    """Return the balance of the kept years first-last (the project's municipality first)."""
    own = project.municipality.code
    kept = list(project.statbank_years.filter(year__gte=first, year__lte=last).order_by("year"))
    totals: dict[int, list[int]] = {}
    per_year = []
    for item in kept:
        mine = (0, 0)
        for code, moves_in, moves_out in item.balance:
            total = totals.setdefault(code, [0, 0])
            total[0] += moves_in
            total[1] += moves_out
            if code == own:
                mine = (moves_in, moves_out)
        if any(code == own for code, *_ in item.balance):
            per_year.append((item.year, mine[0], mine[1], mine[0] - mine[1]))
    rows = [
        {
            "municipality_code": code,
            "municipality": municipality_name(code),
            "moves_in": moves_in,
            "moves_out": moves_out,
            "net": moves_in - moves_out,
            "own": code == own,
        }
        for code, (moves_in, moves_out) in sorted(totals.items())
    ]
    rows.sort(key=lambda row: not row["own"])
    return PeriodBalance(
        first=first,
        last=last,
        municipality=project.municipality.name,
        rows=rows,
        per_year=pd.DataFrame(per_year, columns=YEAR_COLUMNS),
        moves=sum(item.moves for item in kept),
        readings=_readings(kept),
        missing=sorted(set(range(first, last + 1)) - {item.year for item in kept}),
    )


def chart_svg(result: PeriodBalance) -> SafeString | None:
    """Return the chart of the project's municipality per year, or None when it is not there."""
    if result.per_year.empty:
        return None
    title = _("Moves between %(municipality)s and the other municipalities, per year")
    chart = charts.statbank_chart(result.per_year)
    return charts.render(chart, title=title % {"municipality": result.municipality})


def _readings(kept: list[StatbankYear]) -> list[dict[str, Any]]:
    """Return each distinct reading the years came from, with its years in the period."""
    readings: list[dict[str, Any]] = []
    for item in kept:
        same = next((r for r in readings if r["reading"] == item.reading), None)
        if same is None:
            user = item.uploaded_by
            by = person_name(user)
            same = {"reading": item.reading, "created": item.created, "by": by, "kept": []}
            readings.append(same)
        same["kept"].append(item.year)
    return readings


def _scratch() -> Path:
    folder = Path(settings.UPLOAD_DIR) / "scratch"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
