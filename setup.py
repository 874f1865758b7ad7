"""The interface's translations are compiled (.po → .mo) whenever the package is built, so a
plain `pip install` serves Danish and English; an editable install compiles them beside their
sources. Everything else about the package is in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOGUES = "samskab/**/locale/*/LC_MESSAGES/*.po"


class BuildWithTranslations(build_py):
    """build_py that also writes each catalogue's compiled .mo (fuzzy entries left out)."""

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(__file__).parent
        for po in sorted(root.glob(CATALOGUES)):
            relative = po.relative_to(root).with_suffix(".mo")
            target = root / relative if self.editable_mode else Path(self.build_lib) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalogue = read_po(source)
            with target.open("wb") as out:
                write_mo(out, catalogue)


setup(cmdclass={"build_py": BuildWithTranslations})
