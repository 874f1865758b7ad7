"""Whatever a moves file holds, the importer either imports it or says what is wrong."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.facts.errors import InputError
from samskab.facts.store import load_dataset

from .conftest import AREAS, POPULATION

COLUMNS = [
    "move_date",
    "from_municipality",
    "to_municipality",
    "from_parish",
    "to_parish",
    "person_id",
    "age",
    "household_type",
    "sex",
]
PLAUSIBLE = {
    "move_date": st.sampled_from(["2008-01-01", "2008-02-30", "2008-1-1", "", "31-12-2008"]),
    "from_municipality": st.sampled_from(
        ["760", "0760", "657", "abroad", "UDLAND", "999", "", "76"]
    ),
    "to_municipality": st.sampled_from(["760", "751", "Abroad", "1000", "x"]),
    "from_parish": st.sampled_from(["", "7001", "7005", "701", "70010"]),
    "to_parish": st.sampled_from(["", "7003", "9999", "abcd"]),
    "person_id": st.sampled_from(["", "p1", "0101901234", "010190-1234", "3213991234"]),
    "age": st.sampled_from(["", "0", "125", "126", "-1", "4.5", "x"]),
    "household_type": st.sampled_from(["", "other", "OTHER", "family"]),
    "sex": st.sampled_from(["", "M", "f", "K"]),
}
cell = st.one_of(st.text(max_size=12), st.sampled_from(["", " ", '"', "\n"]))
row = st.fixed_dictionaries({c: st.one_of(PLAUSIBLE[c], cell) for c in COLUMNS})


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, min_size=1, max_size=6))
def test_any_moves_file_is_imported_or_refused_with_problems(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "moves.csv").write_text(buffer.getvalue(), encoding="utf-8")
        (base / "areas.csv").write_text(AREAS, encoding="utf-8")
        (base / "population.csv").write_text(POPULATION, encoding="utf-8")
        try:
            data = load_dataset(
                areas=base / "areas.csv",
                population=base / "population.csv",
                moves=base / "moves.csv",
                in_memory=True,
            )
        except InputError as error:
            assert error.problems
            assert all(p.file == "moves.csv" for p in error.problems)
        else:
            assert data.moves.count().to_pandas() == len(rows)
