"""The handbook's open data: the aggregates behind every table of the handbook, suppressed as
printed, as CSV files (written by samskab.core.exports) in a zip with a Frictionless
`datapackage.json` that describes them."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any

import pandas as pd
from django.utils import translation
from django.utils.translation import gettext as _

from samskab.core.exports import csv_text, frame_rows
from samskab.evaluation.exports import answer_rows, group_rows
from samskab.factbase.figures import as_shown
from samskab.factbase.labels import column_label
from samskab.handbook.sections import evaluation, facts, ideas, initiatives
from samskab.handbook.sections import workshops as workshop_sections
from samskab.projects.models import Project
from samskab.segmentation.services import current_fit, profile_table

SUPPRESSED = ("<5", "..")  # a hidden count, and a figure that would give one away
MISSING = ("", *SUPPRESSED)
Rows = Sequence[Sequence[Any]]


@dataclass(frozen=True)
class Resource:
    """One table of the bundle: its rows (the header first) and what its columns mean."""

    name: str  # also the file's name: data/<name>.csv
    title: str
    rows: Rows
    descriptions: dict[str, str] = field(default_factory=dict)  # per column, where known

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"


def data_bundle(project: Project, language: str) -> bytes:
    """Return the zip of the handbook's tables and their `datapackage.json`, in `language`."""
    with translation.override(language):
        resources = handbook_tables(project)
        package = datapackage(project, resources)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
        for resource in resources:
            bundle.writestr(resource.path, csv_text(resource.rows))
    return out.getvalue()


def handbook_tables(project: Project) -> list[Resource]:
    """Return every table of the handbook, in the handbook's order, as the sections make them."""
    people = workshop_sections.people(project)
    _printed, ranking = ideas.ranking(project)
    return [
        *_fact_tables(project),
        *_segment_tables(project),
        _frame_resource("members", people.members.title, people.members.frame),
        _frame_resource("ranking", ranking.title, ranking.frame),
        *_initiative_tables(project, people),
        *_evaluation_tables(project),
    ]


def _frame_resource(
    name: str, title: str, frame: pd.DataFrame, descriptions: dict[str, str] | None = None
) -> Resource:
    return Resource(name, title, frame_rows(frame), descriptions or {})


def _fact_tables(project: Project) -> list[Resource]:
    base = facts.fact_base(project, with_charts=False)
    return [
        _frame_resource(figure.slug, str(figure.spec.title), table,
                        {str(c): column_label(str(c)) for c in table.columns})
        for figure in base.figures
        for table in [as_shown(figure.data)]
    ]  # fmt: skip


def _segment_tables(project: Project) -> list[Resource]:
    fit = current_fit(project)
    if fit is None or fit.chosen is None:
        return []
    return [_frame_resource("segment-profiles", _("Segment profiles"),
                            profile_table(fit, exact=False))]  # fmt: skip


def _initiative_tables(project: Project, people: workshop_sections.People) -> list[Resource]:
    header = [_("Year"), _("In-movers"), _("Out-movers"), _("Net")]
    return [
        Resource(
            f"initiative-{now.initiative.pk}-before-after",
            _("Before and after: %(initiative)s") % {"initiative": now.initiative.title},
            [header, *([y.year, y.in_movers, y.out_movers, y.net] for y in now.trend.years)],
        )
        for now in initiatives.initiatives(project, people)
        if now.trend.years
    ]


def _evaluation_tables(project: Project) -> list[Resource]:
    tables: list[Resource] = []
    for summary in evaluation.evaluation(project).rounds:
        if not summary.answered:
            continue
        # Named by the round's stage (one round per stage), not by a database id.
        stage = summary.round.get_stage_display()
        name = f"evaluation-{summary.round.stage.replace('_', '-')}"
        tables += [
            Resource(f"{name}-answers", _("Evaluation %(stage)s: answers per question")
                     % {"stage": stage}, answer_rows(summary)),
            Resource(f"{name}-groups", _("Evaluation %(stage)s: per role and per village")
                     % {"stage": stage}, group_rows(summary)),
        ]  # fmt: skip
    return tables


def datapackage(project: Project, resources: Sequence[Resource]) -> dict[str, Any]:
    """Return the Frictionless data package that describes the bundle's files."""
    return {
        "name": f"samskab-handbook-{project.pk}",
        "title": _("The handbook of %(project)s: its tables") % {"project": project.name},
        "description": _(
            "The aggregates behind every table of the project's handbook, as printed. Small "
            "counts are suppressed: a count below 5 is shown as “<5”, and a figure that would "
            "give a hidden count away as “..”."
        ),
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "resources": [_described(resource) for resource in resources],
    }


def _described(resource: Resource) -> dict[str, Any]:
    header, body = _unique([str(h) for h in resource.rows[0]]), resource.rows[1:]
    fields = []
    for index, name in enumerate(header):
        described = {"name": name, "type": _field_type([row[index] for row in body])}
        if resource.descriptions.get(name, name) != name:
            described["description"] = resource.descriptions[name]
        fields.append(described)
    return {
        "name": resource.name, "path": resource.path, "title": resource.title,
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
        "schema": {"fields": fields, "missingValues": list(MISSING)},
    }  # fmt: skip


def _field_type(values: Sequence[Any]) -> str:
    """Return a column's Frictionless type, judged by its values that are not hidden."""
    present = [v for v in values if not (isinstance(v, str) and v in MISSING)]
    if present and all(isinstance(v, Integral) and not isinstance(v, bool) for v in present):
        return "integer"
    if present and all(isinstance(v, Real) and not isinstance(v, bool) for v in present):
        return "number"
    return "string"


def _unique(names: list[str]) -> list[str]:
    """Return the column names with a repeated one numbered ("Svar", "Svar 2"): a data
    package's fields need names of their own."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} {seen[name]}")
    return unique
