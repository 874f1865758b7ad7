"""The store keeps a dataset as a DuckDB file and its moves' Parquet file, and leaves nothing
behind when an import is refused."""

from __future__ import annotations

import pytest

from samskab.facts.errors import InputError
from samskab.facts.store import load_dataset

from .conftest import AREAS, POPULATION, write

MOVES = """\
move_date,from_municipality,to_municipality,from_parish,to_parish,person_id
2008-03-01,657,760,,7001,p1
2008-05-01,760,760,7001,7003,p1
"""


def _write(tmp_path, moves):
    write(tmp_path, "areas.csv", AREAS)
    write(tmp_path, "population.csv", POPULATION)
    write(tmp_path, "moves.csv", moves)


def _load(tmp_path):
    return load_dataset(
        areas=tmp_path / "areas.csv",
        population=tmp_path / "population.csv",
        moves=tmp_path / "moves.csv",
        cache_dir=tmp_path / "cache",
    )


def test_a_stored_dataset_is_a_duckdb_file_and_a_parquet_file_opened_again(tmp_path):
    _write(tmp_path, MOVES)
    first = _load(tmp_path)
    files = sorted(path.suffix for path in (tmp_path / "cache").iterdir())
    again = _load(tmp_path)
    assert files == [".duckdb", ".parquet"]
    assert again.path == first.path
    assert again.moves.order_by("seq").to_pyarrow().column("to_area").to_pylist() == [
        "Nord",
        "Syd",
    ]


@pytest.mark.parametrize("bad", ["2008-02-30,657,760,,7001,p1\n", "2008-03-01,657,760,,70x1,p1\n"])
def test_a_refused_import_leaves_no_file(tmp_path, bad):
    _write(tmp_path, MOVES + bad)
    with pytest.raises(InputError):
        _load(tmp_path)
    assert list((tmp_path / "cache").iterdir()) == []
