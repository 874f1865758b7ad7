"""Importing a project's fact-base files: all or nothing, and the project's areas from them.

An import runs in three steps, so that no database transaction is held while a file is read:
`receive_files` keeps the files in a new dataset's folder (the dataset is "importing");
`run_import` validates them with the fact base's own importer into its DuckDB store, outside any
transaction, and then records the outcome in one short transaction: the dataset marked valid and
the project's areas refreshed, or the dataset marked failed with every problem found and its
files removed. `start_import` hands the second step to the job queue; `do_import` runs both here
and stores nothing at all when the files are refused.
"""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_noop

from samskab.demo_data import write_demo_data
from samskab.factbase.models import FactDataset
from samskab.factbase.shapes import dumps, read_parish_shapes
from samskab.facts.errors import InputError, Problem
from samskab.facts.store import Dataset, load_dataset
from samskab.facts.where import outline_json
from samskab.projects import audit
from samskab.projects.models import Area, AuditAction, Project

SHAPES_FILE = "shapes.json"
OUTLINES_FILE = "municipalities.json"
# The roles of the files a dataset is made of; `register` is moves or flows.
ROLES = ("register", "areas", "population", "boundaries")
# The stem each role's file is kept under in the dataset's folder.
STEMS = {"moves": "register", "flows": "register", "areas": "areas",
         "population": "population", "boundaries": "boundaries"}  # fmt: skip

Source = UploadedFile | Path


@dataclass(frozen=True)
class FileProblem:
    """A problem with one file, tied to the form field (role) the file came in; `code` and
    `params` render `message` in the page's language (see samskab.core.templatetags.problems)."""

    role: str | None
    file: str
    message: str
    row: int | None = None
    column: str | None = None
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


class ImportRefused(Exception):
    """The files were not imported; `problems` lists every problem found."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class Outcome:
    """What a valid import records: the years covered, the warnings, the areas' parishes."""

    first_year: int
    last_year: int
    warnings: list[str]
    areas: dict[str, list[str]]  # area name → parish codes, in the areas file's order


def do_import(
    project: Project,
    files: Mapping[str, Source | None],
    *,
    individual: bool,
    user: AbstractBaseUser | None,
    source: str = FactDataset.Source.UPLOAD,
) -> FactDataset:
    """Store, validate and import the files (roles as in ROLES) here and now; return the new
    dataset. Raises ImportRefused with every problem found; then nothing is stored."""
    dataset = receive_files(project, files, individual=individual, user=user, source=source)
    try:
        if dataset.status == FactDataset.Status.FAILED:  # refused on receipt (the disk was full)
            raise ImportRefused(file_problems(dataset))
        run_import(dataset)
    except BaseException:
        _discard(dataset)
        raise
    return dataset


def start_import(
    project: Project,
    files: Mapping[str, Source | None],
    *,
    individual: bool,
    user: AbstractBaseUser | None,
    source: str = FactDataset.Source.UPLOAD,
) -> FactDataset:
    """Store the files and queue their import as a job; return the (importing) dataset."""
    from samskab.factbase.tasks import import_dataset

    dataset = receive_files(project, files, individual=individual, user=user, source=source)
    if dataset.status == FactDataset.Status.FAILED:
        return dataset  # refused on receipt (the disk was full)
    task_id = import_dataset.enqueue(dataset.pk).id
    FactDataset.objects.filter(pk=dataset.pk).update(task_id=task_id)
    dataset.refresh_from_db()
    return dataset


def receive_files(
    project: Project,
    files: Mapping[str, Source | None],
    *,
    individual: bool,
    user: AbstractBaseUser | None,
    source: str = FactDataset.Source.UPLOAD,
) -> FactDataset:
    """Keep the files in a new importing dataset's folder under fixed names; return it."""
    dataset = FactDataset.objects.create(
        project=project, source=source, individual=individual, uploaded_by=user
    )
    try:
        _store(dataset, files, individual=individual)
        dataset.save(update_fields=["original_names", "checksum"])
        audit.record(project, user, AuditAction.REGISTER_UPLOADED,
                     ", ".join(dataset.uploaded_names))  # fmt: skip
    except OSError as error:
        if not disk_full(error):
            _discard(dataset)
            raise
        _refuse(dataset, [_disk_full_problem()])
    except BaseException:
        _discard(dataset)
        raise
    return dataset


def run_import(dataset: FactDataset) -> None:
    """Validate the dataset's files and record the outcome (see the module's docstring).
    Raises ImportRefused when a file has a problem; the dataset is then marked failed."""
    try:
        outcome = _validated(dataset)
    except ImportRefused as refused:
        _refuse(dataset, refused.problems)
        raise
    with transaction.atomic():
        _finish(dataset, outcome)
        refresh_areas(dataset.project, outcome.areas)


def _validated(dataset: FactDataset) -> Outcome:
    """Return what a valid import records; raise ImportRefused with every problem, or with
    the full disk that stopped the fact base's store from being written."""
    try:
        return _outcome(dataset, _validate(dataset, stored_names(dataset)))
    except ImportRefused:
        raise
    except Exception as error:
        if disk_full(error):
            raise ImportRefused([_disk_full_problem()]) from error
        raise


def disk_full(error: BaseException) -> bool:
    """True when the error says the server's disk (or the user's quota) is full, as the
    operating system, SQLite or DuckDB says it."""
    if isinstance(error, OSError) and error.errno in {errno.ENOSPC, errno.EDQUOT}:
        return True
    text = str(error).casefold()
    return "no space left on device" in text or "disk is full" in text


def _disk_full_problem() -> FileProblem:
    """The problem a full disk is recorded as (translated where it is shown)."""
    message = gettext_noop(
        "The server's disk was full during the import, so nothing was imported. Ask whoever "
        "runs the server to free space, then upload the files again."
    )
    return FileProblem(role=None, file="", message=message)


def file_problems(dataset: FactDataset) -> list[FileProblem]:
    """Return the problems a failed import was refused for."""
    return [FileProblem(**problem) for problem in dataset.problems]


def stored_names(dataset: FactDataset) -> dict[str, str]:
    """Return the names of the dataset's files in its folder, by role."""
    return {STEMS[Path(name).stem]: name for name in dataset.original_names}


def _refuse(dataset: FactDataset, problems: list[FileProblem]) -> None:
    """Mark the dataset failed with its problems, and remove its files."""
    shutil.rmtree(dataset.folder, ignore_errors=True)
    dataset.status = FactDataset.Status.FAILED
    dataset.problems = [asdict(problem) for problem in problems]
    dataset.save(update_fields=["status", "problems"])


def _discard(dataset: FactDataset) -> None:
    """Remove the dataset and its files, as if it had never been."""
    shutil.rmtree(dataset.folder, ignore_errors=True)
    FactDataset.objects.filter(pk=dataset.pk).delete()


def start_import_demo(project: Project, *, user: AbstractBaseUser | None) -> FactDataset:
    """Write the demo municipality's files and queue their import as the project's dataset."""
    scratch = Path(settings.UPLOAD_DIR) / str(project.pk) / "demo-source"
    try:
        files = _demo_files(write_demo_data(scratch))
        return start_import(
            project, files, individual=True, user=user, source=FactDataset.Source.DEMO
        )
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
    files = _demo_files(paths)
    return do_import(project, files, individual=True, user=user, source=FactDataset.Source.DEMO)


def _demo_files(paths: Mapping[str, Path]) -> dict[str, Source | None]:
    """Return the demo data's files by role (as `write_demo_data` names them)."""
    return {
        "register": paths["moves"],
        "areas": paths["areas"],
        "population": paths["population"],
        "boundaries": paths["parishes"] if paths["parishes"].exists() else None,
    }


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
            code=p.code,
            params=dict(p.params),
        )
        for p in problems
    ]


def _outcome(dataset: FactDataset, data: Dataset) -> Outcome:
    """Return what a valid import records, read from its DuckDB store (no transaction held)."""
    first_move = int(data.moves.year.min().to_pandas())
    first_population = int(data.population.year.min().to_pandas())
    rows = data.areas.order_by(["area_order", "parish"]).to_pandas()
    areas: dict[str, list[str]] = {}
    for row in rows.itertuples():
        areas.setdefault(str(row.area), []).append(f"{int(row.parish):04d}")
    return Outcome(
        first_year=max(first_move, first_population),
        last_year=int(data.moves.year.max().to_pandas()),
        warnings=list(data.warnings) + _shape_warnings(dataset, data),
        areas=areas,
    )


def _finish(dataset: FactDataset, outcome: Outcome) -> None:
    """Record the years covered and the import's warnings, and mark the dataset valid."""
    dataset.first_year, dataset.last_year = outcome.first_year, outcome.last_year
    dataset.warnings = outcome.warnings
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


def refresh_areas(project: Project, parishes: dict[str, list[str]]) -> list[Area]:
    """Create or update the project's areas (name → parish codes, in order); drop others."""
    areas = [
        Area.objects.update_or_create(
            project=project, name=name, defaults={"parishes": codes, "order": order}
        )[0]
        for order, (name, codes) in enumerate(parishes.items())
    ]
    project.areas.exclude(name__in=list(parishes)).delete()
    return areas


def outlines_path(project: Project) -> Path:
    """Return where the project's municipality outlines are kept (beside its datasets, so a
    new import keeps them)."""
    return Path(settings.UPLOAD_DIR) / str(project.pk) / OUTLINES_FILE


def do_municipality_outlines(project: Project, upload: UploadedFile) -> None:
    """Keep a DAGI municipality boundary file, simplified, as the project's outlines for the
    map of Denmark; InputError (naming the file) when it holds no municipality polygons."""
    folder = outlines_path(project).parent
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"municipalities-upload{Path(upload.name or '').suffix.lower()}"
    try:
        with source.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        outlines = outline_json(source, name=upload.name or source.name)
    finally:
        source.unlink(missing_ok=True)
    outlines_path(project).write_text(dumps(outlines), encoding="utf-8")
