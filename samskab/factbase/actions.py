"""Importing a project's fact-base files: all or nothing, and the project's areas from them.

`do_import` stores the files in the dataset's folder, validates them with the fact base's own
importer and, only when every file is sound, keeps the dataset and refreshes the project's
areas. Any problem removes the folder and rolls the database back: nothing is stored.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from samskab.factbase.models import FactDataset
from samskab.factbase.shapes import dumps, read_parish_shapes
from samskab.facts.demo import write_demo_data
from samskab.facts.errors import InputError, Problem
from samskab.facts.store import Dataset, load_dataset
from samskab.projects.models import Area, Project

SHAPES_FILE = "shapes.json"
# The roles of the files a dataset is made of; `register` is moves or flows.
ROLES = ("register", "areas", "population", "boundaries")

Source = UploadedFile | Path


@dataclass(frozen=True)
class FileProblem:
    """A problem with one file, tied to the form field (role) the file came in."""

    role: str | None
    file: str
    message: str
    row: int | None = None
    column: str | None = None


class ImportRefused(Exception):
    """The files were not imported; `problems` lists every problem found."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def do_import(
    project: Project,
    files: Mapping[str, Source | None],
    *,
    individual: bool,
    user: AbstractBaseUser | None,
    source: str = FactDataset.Source.UPLOAD,
) -> FactDataset:
    """Store, validate and import the files (roles as in ROLES); return the new dataset.

    Raises ImportRefused with every problem found; then nothing is stored."""
    with transaction.atomic():
        dataset = FactDataset.objects.create(
            project=project, source=source, individual=individual, uploaded_by=user
        )
        try:
            names = _store(dataset, files, individual=individual)
            data = _validate(dataset, names)
            _finish(dataset, data)
            refresh_areas(project, data)
        except BaseException:
            shutil.rmtree(dataset.folder, ignore_errors=True)
            raise
    return dataset


def do_import_demo(project: Project, *, user: AbstractBaseUser | None) -> FactDataset:
    """Write the demo municipality's files and import them as the project's dataset."""
    scratch = Path(settings.UPLOAD_DIR) / str(project.pk) / "demo-source"
    try:
        paths = write_demo_data(scratch)
        return import_demo_folder(project, scratch, user=user, written=paths)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def import_demo_folder(
    project: Project,
    folder: Path,
    *,
    user: AbstractBaseUser | None,
    written: Mapping[str, Path] | None = None,
) -> FactDataset:
    """Import the demo data files found in `folder` (as `samskab demo-data` writes them)."""
    paths = written or {
        "moves": folder / "moves.csv",
        "areas": folder / "areas.csv",
        "population": folder / "population.csv",
        "parishes": folder / "parishes.geojson",
    }
    files: dict[str, Source | None] = {
        "register": paths["moves"],
        "areas": paths["areas"],
        "population": paths["population"],
        "boundaries": paths["parishes"] if paths["parishes"].exists() else None,
    }
    return do_import(project, files, individual=True, user=user, source=FactDataset.Source.DEMO)


def _store(
    dataset: FactDataset, files: Mapping[str, Source | None], *, individual: bool
) -> dict[str, str]:
    """Copy the files into the dataset's folder under fixed names; return them by role."""
    dataset.folder.mkdir(parents=True, exist_ok=True)
    stems = {"register": "moves" if individual else "flows", "boundaries": "boundaries"}
    names: dict[str, str] = {}
    originals: dict[str, str] = {}
    checksum = hashlib.sha256()
    for role in ROLES:
        source = files.get(role)
        if source is None:
            continue
        original = Path(source.name or role).name
        names[role] = f"{stems.get(role, role)}{Path(original).suffix.lower()}"
        originals[names[role]] = original
        checksum.update(names[role].encode())
        _copy(source, dataset.folder / names[role], checksum)
    dataset.original_names = originals
    dataset.checksum = checksum.hexdigest()
    return names


def _copy(source: Source, target: Path, checksum: Any) -> None:
    """Write the file to target, feeding its bytes to the checksum."""
    chunks = _path_chunks(source) if isinstance(source, Path) else source.chunks()
    with target.open("wb") as handle:
        for chunk in chunks:
            checksum.update(chunk)
            handle.write(chunk)


def _path_chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(size):
            yield chunk


def _validate(dataset: FactDataset, names: dict[str, str]) -> Dataset:
    """Return the imported dataset, or raise ImportRefused with every problem of every file."""
    folder = dataset.folder
    register = folder / names["register"]
    problems: list[FileProblem] = []
    data = None
    try:
        data = load_dataset(
            areas=folder / names["areas"],
            population=folder / names["population"],
            moves=register if dataset.individual else None,
            flows=None if dataset.individual else register,
            cache_dir=Path(settings.FACTS_CACHE_DIR),
        )
    except InputError as error:
        problems.extend(_file_problems(error.problems, names, dataset.original_names))
    if "boundaries" in names:
        problems.extend(_check_boundaries(dataset, names["boundaries"]))
    if problems or data is None:
        raise ImportRefused(problems)
    return data


def _check_boundaries(dataset: FactDataset, name: str) -> list[FileProblem]:
    """Read the boundary file and keep its shapes for the map; return its problems."""
    original = dataset.original_names.get(name, name)
    try:
        shapes = read_parish_shapes(dataset.folder / name, display_name=original)
    except InputError as error:
        return _file_problems(error.problems, {"boundaries": name}, dataset.original_names)
    (dataset.folder / SHAPES_FILE).write_text(dumps(shapes), encoding="utf-8")
    return []


def _file_problems(
    problems: list[Problem], names: dict[str, str], originals: dict[str, str]
) -> list[FileProblem]:
    """Return the problems with each file named as the user knows it and tied to its role."""
    role_of = {name: role for role, name in names.items()}
    role_of |= {original: role_of[name] for name, original in originals.items() if name in role_of}
    return [
        FileProblem(
            role=role_of.get(p.file),
            file=originals.get(p.file, p.file),
            message=p.message,
            row=p.row,
            column=p.column,
        )
        for p in problems
    ]


def _finish(dataset: FactDataset, data: Dataset) -> None:
    """Record the years covered and the import's warnings, and mark the dataset valid."""
    first_move = int(data.moves.year.min().to_pandas())
    first_population = int(data.population.year.min().to_pandas())
    dataset.first_year = max(first_move, first_population)
    dataset.last_year = int(data.moves.year.max().to_pandas())
    dataset.warnings = list(data.warnings) + _shape_warnings(dataset, data)
    dataset.register_file = _name(dataset, "moves", "flows")
    dataset.areas_file = _name(dataset, "areas")
    dataset.population_file = _name(dataset, "population")
    dataset.boundaries_file = _name(dataset, "boundaries")
    dataset.status = FactDataset.Status.VALID
    dataset.save()


def _name(dataset: FactDataset, *stems: str) -> str:
    return next((n for n in dataset.original_names if Path(n).stem in stems), "")


def _shape_warnings(dataset: FactDataset, data: Dataset) -> list[str]:
    """Return a warning for the areas' parishes the boundary file has no shape for."""
    shapes = dataset.folder / SHAPES_FILE
    if not shapes.exists():
        return []
    codes = {f["properties"]["parish"] for f in json.loads(shapes.read_text())["features"]}
    parishes = set(data.areas.parish.to_pandas().astype(int))
    missing = sorted(parishes - codes)
    if not missing:
        return []
    listed = ", ".join(f"{code:04d}" for code in missing[:10])
    return [f"the boundary file has no shape for the parishes {listed}"]


def refresh_areas(project: Project, data: Dataset) -> list[Area]:
    """Create or update the project's areas from the areas file, in its order; drop others."""
    rows = data.areas.order_by(["area_order", "parish"]).to_pandas()
    parishes: dict[str, list[str]] = {}
    for row in rows.itertuples():
        parishes.setdefault(str(row.area), []).append(f"{int(row.parish):04d}")
    areas = [
        Area.objects.update_or_create(
            project=project, name=name, defaults={"parishes": codes, "order": order}
        )[0]
        for order, (name, codes) in enumerate(parishes.items())
    ]
    project.areas.exclude(name__in=list(parishes)).delete()
    return areas
