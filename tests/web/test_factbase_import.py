"""Importing a project's fact-base files: all or nothing, problems shown by file, row and column.

Also holds the small register the other fact-base tests import (`write_register`, `facts`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import samskab
from samskab.factbase.actions import ImportRefused, do_import
from samskab.factbase.models import FactDataset
from samskab.projects.models import Area

AREAS = """\
parish,area,municipality
7003,Syd,760
7004,Syd,760
7001,Nord,760
7002,Nord,760
"""
POPULATION = "year,parish,population\n" + "".join(
    f"{year},{parish},{size}\n"
    for year in (2008, 2009, 2010)
    for parish, size in ((7001, 1000), (7002, 500), (7003, 2000), (7004, 1500))
)
# (count, year, from municipality, to municipality, from parish, to parish, age, household)
MOVES = [
    (20, 2008, 661, 760, "", 7001, 30, "couple_with_children"),  # Nord: 20 in from Holstebro
    (3, 2009, 760, 760, 7003, 7001, 70, "couple_no_children"),  # Syd → Nord: a small cell
    (12, 2009, 760, "abroad", 7002, "", 24, "single_no_children"),  # Nord: 12 out abroad
    (8, 2008, 760, 657, 7004, "", 40, "single_with_children"),  # Syd: 8 out to Herning
    (6, 2009, "abroad", 760, "", 7003, 35, "other"),  # Syd: 6 in from abroad
]
HEADER = "move_date,from_municipality,to_municipality,from_parish,to_parish,person_id,age,household_type,sex"


def moves_text() -> str:
    """Return moves.csv: each group of MOVES as that many persons' moves."""
    lines, person = [HEADER], 0
    for count, year, origin, target, from_parish, to_parish, age, household in MOVES:
        for _ in range(count):
            person += 1
            lines.append(
                f"{year}-03-01,{origin},{target},{from_parish},{to_parish},"
                f"P{person:05d},{age},{household},F"
            )
    return "\n".join(lines) + "\n"


def _square(x: float, y: float) -> list[list[list[float]]]:
    # Clockwise, as Vega's geoshape wants an exterior ring.
    return [[[x, y], [x, y + 1], [x + 1, y + 1], [x + 1, y], [x, y]]]


def boundaries_text() -> str:
    features = [
        {
            "type": "Feature",
            "properties": {"parish": str(code), "parish_name": f"Sogn {code}"},
            "geometry": {"type": "Polygon", "coordinates": _square(8 + n * 0.1, 56)},
        }
        for n, code in enumerate((7001, 7002, 7003, 7004))
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


def write_register(folder: Path, **changes: str) -> dict[str, Path]:
    """Write the small register's files (any of them replaced by `changes`); return them."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "moves.csv": moves_text(),
        "areas.csv": AREAS,
        "population.csv": POPULATION,
        "parishes.geojson": boundaries_text(),
        **changes,
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name: folder / name for name in texts}


@pytest.fixture(name="storage")
def storage_fixture(settings, tmp_path: Path) -> Path:
    """Keep uploads and fact caches of a test in its own folder."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.FACTS_CACHE_DIR = tmp_path / "cache"
    return tmp_path


@pytest.fixture(name="facts")
def facts_fixture(project, facilitator, storage) -> FactDataset:
    """Return the small register imported as the project's dataset."""
    paths = write_register(storage / "source")
    files = {
        "register": paths["moves.csv"],
        "areas": paths["areas.csv"],
        "population": paths["population.csv"],
        "boundaries": paths["parishes.geojson"],
    }
    return do_import(project, files, individual=True, user=facilitator)


def _uploads(paths: dict[str, Path]) -> dict[str, object]:
    def upload(name: str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, paths[name].read_bytes())

    return {
        "kind": "moves",
        "register": upload("moves.csv"),
        "areas": upload("areas.csv"),
        "population": upload("population.csv"),
        "boundaries": upload("parishes.geojson"),
    }


def test_an_import_creates_the_projects_areas_in_the_files_order(facts, project):
    areas = list(project.areas.values_list("name", "parishes"))
    assert areas == [("Syd", ["7003", "7004"]), ("Nord", ["7001", "7002"])]
    assert facts.status == FactDataset.Status.VALID
    assert (facts.first_year, facts.last_year) == (2008, 2009)


def test_the_files_are_kept_outside_the_web_root(facts, settings):
    assert facts.folder.is_relative_to(settings.UPLOAD_DIR)
    assert not facts.folder.is_relative_to(Path(samskab.__file__).parent)
    if settings.STATIC_ROOT:
        assert not facts.folder.is_relative_to(settings.STATIC_ROOT)
    assert (facts.folder / "moves.csv").exists()


def test_a_facilitator_uploads_the_files(client_for, facilitator, project, storage):
    paths = write_register(storage / "source")
    response = client_for(facilitator).post(
        reverse("factbase:upload", args=[project.pk]), _uploads(paths)
    )
    assert response.status_code == 302
    assert FactDataset.objects.get(project=project).status == FactDataset.Status.VALID
    assert project.areas.count() == 2


def test_a_bad_file_shows_file_row_and_column_and_imports_nothing(
    client_for, facilitator, project, storage
):
    bad = POPULATION.replace("2009,7002,500", "2009,7002,many")
    paths = write_register(storage / "source", **{"population.csv": bad})
    response = client_for(facilitator).post(
        reverse("factbase:upload", args=[project.pk]), _uploads(paths)
    )
    assert response.status_code == 400
    problems = response.context["problems"]["population"]
    assert [(p.file, p.row, p.column) for p in problems] == [("population.csv", 7, "population")]
    html = response.content.decode()
    assert "population.csv" in html and '<td class="num">7</td>' in html
    # Only the refused import's record is kept (with its problems), not its files.
    assert list(FactDataset.objects.values_list("status", flat=True)) == ["failed"]
    assert not Area.objects.filter(project=project).exists()
    assert not any((storage / "uploads").rglob("*.csv"))


def test_every_problem_of_every_file_is_listed(facilitator, project, storage):
    bad_areas = AREAS.replace("7004,Syd,760", "7004,Syd,9999")
    bad_moves = moves_text().replace("2008-03-01,661", "2008-13-01,661", 1)
    paths = write_register(storage / "source", **{"areas.csv": bad_areas, "moves.csv": bad_moves})
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"]}  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        do_import(project, files, individual=True, user=facilitator)
    roles = {problem.role for problem in refused.value.problems}
    assert {"areas"} <= roles
    assert not FactDataset.objects.exists()


def test_a_bad_boundary_file_refuses_the_whole_import(facilitator, project, storage):
    paths = write_register(storage / "source", **{"parishes.geojson": "{not json"})
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"], "boundaries": paths["parishes.geojson"]}  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        do_import(project, files, individual=True, user=facilitator)
    assert [p.role for p in refused.value.problems] == ["boundaries"]
    assert "not valid JSON" in refused.value.problems[0].message
    assert not FactDataset.objects.exists()


@pytest.mark.parametrize(
    "feature",
    [
        {"type": "Feature", "properties": {"parish": "7001"}, "geometry": {"coordinates": "x"}},
        {"type": "Feature", "properties": {"parish": "7001"},
         "geometry": {"type": "Polygon", "coordinates": "x"}},
        {"type": "Feature", "properties": {"parish": "7001"},
         "geometry": {"type": "Polygon", "coordinates": [[["a", "b"]]]}},
        {"type": "Feature", "properties": ["parish"], "geometry": None},
    ],
)  # fmt: skip
def test_a_boundary_feature_without_a_polygon_refuses_the_import(
    facilitator, project, storage, feature
):
    collection = json.loads(boundaries_text())
    collection["features"][0] = {
        "type": "Feature",
        "properties": {"parish": "7009"},
        "geometry": None,
    }
    collection["features"].insert(0, feature)
    paths = write_register(storage / "source", **{"parishes.geojson": json.dumps(collection)})
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"], "boundaries": paths["parishes.geojson"]}  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        do_import(project, files, individual=True, user=facilitator)
    assert [p.message for p in refused.value.problems] == [
        "feature 1 has no parish code or no polygon geometry",
        "feature 2 has no parish code or no polygon geometry",
    ]
    assert not FactDataset.objects.exists()


def test_a_boundary_file_whose_features_are_not_objects_is_refused(facilitator, project, storage):
    collection = {"type": "FeatureCollection", "features": ["not a feature"]}
    paths = write_register(storage / "source", **{"parishes.geojson": json.dumps(collection)})
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"], "boundaries": paths["parishes.geojson"]}  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        do_import(project, files, individual=True, user=facilitator)
    assert [p.message for p in refused.value.problems] == [
        'not valid GeoJSON: "features" is not a list of objects'
    ]


def test_a_file_of_another_type_is_refused(client_for, facilitator, project, storage):
    paths = write_register(storage / "source")
    data = _uploads(paths) | {"areas": SimpleUploadedFile("areas.exe", b"MZ")}
    response = client_for(facilitator).post(reverse("factbase:upload", args=[project.pk]), data)
    assert "areas.exe er ikke en fil af en godkendt type" in response.content.decode()
    assert not FactDataset.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client_for, facilitator, project, storage, settings):
    settings.MAX_UPLOAD_BYTES = 100
    paths = write_register(storage / "source")
    response = client_for(facilitator).post(
        reverse("factbase:upload", args=[project.pk]), _uploads(paths)
    )
    assert "der kan højst uploades filer på 100" in response.content.decode()
    assert not FactDataset.objects.exists()


@pytest.mark.parametrize("persona", ["contact", "village_representative", "observer"])
def test_only_a_facilitator_may_upload(request, client_for, project, storage, persona):
    paths = write_register(storage / "source")
    user = request.getfixturevalue(persona)
    response = client_for(user).post(reverse("factbase:upload", args=[project.pk]), _uploads(paths))
    assert response.status_code == 403
    assert not FactDataset.objects.exists()


def test_the_latest_valid_import_is_the_current_one(facts, project, facilitator, storage):
    from samskab.factbase.services import current_dataset

    paths = write_register(storage / "again")
    files = {"register": paths["moves.csv"], "areas": paths["areas.csv"],
             "population": paths["population.csv"]}  # fmt: skip
    newer = do_import(project, files, individual=True, user=facilitator)
    assert current_dataset(project) == newer
