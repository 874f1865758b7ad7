"""A plain `pip install` serves the interface in Danish: building the package compiles every
translation catalogue (.po) into the .mo that Django reads, without `make`."""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _sources(into: Path) -> Path:
    """Copy what a source distribution holds, without any compiled catalogue."""
    ignore = shutil.ignore_patterns("*.mo", "__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "samskab", into / "samskab", ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, into / name)
    return into


def test_a_built_wheel_holds_every_catalogue_compiled(tmp_path):
    source = _sources(tmp_path / "source")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--wheel-dir", str(tmp_path / "wheel"), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp_path / "wheel").glob("samskab-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        po_files = (source / "samskab").rglob("*.po")
        catalogues = sorted(p.relative_to(source).as_posix() for p in po_files)
        assert len(catalogues) >= 6
        assert [c for c in catalogues if c.replace(".po", ".mo") not in names] == []
        danish = archive.read("samskab/locale/da/LC_MESSAGES/django.mo")
        # The fact base's and the segments' messages, and the data contract's page.
        problems = archive.read("samskab/common/locale/da/LC_MESSAGES/samskab.mo")
        assert {"samskab/core/contract/data-contract.da.md",
                "samskab/core/contract/data-contract.en.md"} <= names  # fmt: skip
    messages = gettext.GNUTranslations(io.BytesIO(problems))
    assert messages.gettext("file not found") == "filen findes ikke"
    translations = gettext.GNUTranslations(io.BytesIO(danish))
    assert translations.gettext("Log in") == "Log ind"
    assert translations.gettext("Projects") == "Projekter"
