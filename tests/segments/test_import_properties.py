"""Any CSV of text, labelled answers and missing values either imports or raises InputError
whose problems name the file (and where they can, the row and item) — never another exception.
The same for CSV codebooks."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.segments.codebook import read_codebook
from samskab.segments.errors import InputError
from samskab.segments.survey import read_survey
from tests.segments.conftest import write

_WORDS = st.sampled_from(["Ja", "Nej", "Ved ikke", "Meget vigtigt", "Herning", "æøå", "x y"])
CELLS = st.one_of(
    st.integers(-3, 12).map(str),  # codes
    st.tuples(st.integers(0, 9), _WORDS).map(lambda p: f"{p[0]} {p[1]}"),  # labelled answers
    st.sampled_from(["", " ", "NA", "n/a", ".", "#NULL!", "nan", "1,5", "2.25", "-0", "1e3"]),
    _WORDS,
    st.text(max_size=6),  # anything, quotes, separators and line breaks included
)
NAMES = st.one_of(st.sampled_from(["q1", "q2", "alder", "by", "w"]), st.text(max_size=4))


def _csv(header: list[str], rows: list[list[str]], quoted: bool, delimiter: str) -> str:
    if not quoted:  # as a careless export writes it: no quoting at all
        return "\n".join(delimiter.join(cells) for cells in [header, *rows]) + "\n"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


def _check(error: InputError, path: Path) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.file == str(path) and problem.message
        assert problem.row is None or problem.row >= 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.lists(NAMES, min_size=1, max_size=4),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=5), max_size=8),
    quoted=st.booleans(),
    delimiter=st.sampled_from([",", ";"]),
)
def test_any_csv_imports_or_names_its_problems(
    tmp_path: Path, header: list[str], rows: list[list[str]], quoted: bool, delimiter: str
) -> None:
    path = write(tmp_path, "survey.csv", "")
    path.write_text(_csv(header, rows, quoted, delimiter), encoding="utf-8")
    try:
        survey = read_survey(path)
    except InputError as error:
        _check(error, path)
        return
    assert len(survey.answers) >= 1
    assert survey.codebook.names() == list(survey.answers.columns)


CODEBOOK_CELLS = st.one_of(
    st.sampled_from(
        [
            "categorical",
            "ordinal",
            "numeric",
            "text",
            "likert",
            "segmenting",
            "descriptive",
            "yes",
            "",
            "1",
            "2",
            "x",
        ]
    ),
    CELLS,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    columns=st.permutations(["name", "kind", "role", "question", "code", "label", "missing"]),
    rows=st.lists(st.lists(CODEBOOK_CELLS, min_size=0, max_size=8), max_size=8),
    quoted=st.booleans(),
)
def test_any_csv_codebook_reads_or_names_its_problems(
    tmp_path: Path, columns: list[str], rows: list[list[str]], quoted: bool
) -> None:
    path = write(tmp_path, "codebook.csv", "")
    path.write_text(_csv(columns, rows, quoted, ","), encoding="utf-8")
    try:
        read_codebook(path)
    except InputError as error:
        _check(error, path)
