"""The messages of the fact base and the segments: a code and parameters, rendered in English by
default and in Danish from the catalogue `samskab`, on the command line by the locale (LANG)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import polib
import pytest

import samskab
from samskab.common import texts
from samskab.facts.errors import (
    AnalysisUnavailable,
    InputError,
    Problem,
    error_from_json,
    error_json,
)
from samskab.facts.problem_texts import PARTS, PROBLEMS
from samskab.facts.statbank_layout import LAYOUTS
from samskab.segments.messages import TEMPLATES

ROOT = Path(samskab.__file__).parent
CATALOGUE = ROOT / "common" / "locale" / "da" / "LC_MESSAGES" / "samskab.po"
# Codes built from parts (a remedy, an item's kind, a bound) rather than written whole.
BUILT = {
    *(f"cpr_{where}_{remedy}" for where in ("cell", "header") for remedy in ("register", "survey")),
    "cpr_label_survey",
    "numeric_cannot_segment",
    "text_cannot_segment",
    *(f"{what}{bound}" for what in ("not_whole", "out_of_range", "empty_number")
      for bound in ("_between", "_at_least")),
    *(f"feature_{why}" for why in ("no_geometry", "invalid_geometry", "not_finite",
                                   "not_polygon", "no_area")),
    *(f"no_{level}_properties" for level in ("parish", "municipality")),
}  # fmt: skip


# Functions that take a code, by the position of the code among their arguments.
CALLS = {"Check": 2, "Refusal": 0, "WorkbookRefused": 0, "_EntryError": 0, "_bad": 1}


@pytest.fixture(scope="module")
def danish() -> dict[str, str]:
    """Return the Danish catalogue as English template → Danish text."""
    catalogue = polib.pofile(str(CATALOGUE))
    assert not catalogue.fuzzy_entries()
    return {entry.msgid: entry.msgstr for entry in catalogue.translated_entries()}


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_every_code_has_a_danish_text_with_the_same_fields(danish) -> None:  # type: ignore[no-untyped-def]
    templates = {**PROBLEMS, **{part: part for part in PARTS}, **TEMPLATES, "layouts": LAYOUTS}
    for code, template in templates.items():
        assert danish.get(template), f"{code} has no Danish text"
        assert _fields(danish[template]) == _fields(template), code
        assert danish[template] != template or not template.strip(), code


def test_every_code_the_packages_name_is_in_the_registry() -> None:
    """Every literal code passed to Problem.of, an error's .of, a Check or a Refusal is a key of
    PROBLEMS, and every code of PROBLEMS is named somewhere (or built from parts)."""
    named: set[str] = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in PROBLEMS:
                named.add(node.value)  # a code chosen before the call ("a" if … else "b")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "add":
                receiver = func.value
                if not (isinstance(receiver, ast.Name) and receiver.id == "problems"):
                    continue
                position = 0  # statbank_layout.Problems.add
            elif isinstance(func, ast.Attribute) and func.attr == "of":
                position = (
                    1 if isinstance(func.value, ast.Name) and func.value.id == "Problem" else 0
                )
            elif isinstance(func, ast.Name) and func.id in CALLS:
                position = CALLS[func.id]
            else:
                continue
            if len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    assert argument.value in PROBLEMS, f"{path.name}: {argument.value}"
    assert set(PROBLEMS) >= BUILT
    unused = set(PROBLEMS) - named - BUILT
    assert not unused


def test_a_problem_is_english_by_default_and_danish_when_asked() -> None:
    problem = Problem.of("moves.csv", "no_moves", count=16004)
    assert problem.message == "holds no moves: the column moves is 0 in all 16,004 row(s)"
    assert str(problem) == "moves.csv: holds no moves: the column moves is 0 in all 16,004 row(s)"
    assert problem.render("da") == (
        "moves.csv: rummer ingen flytninger: kolonnen moves er 0 i alle 16.004 række(r)"
    )


def test_a_parameter_that_is_a_template_is_translated_too() -> None:
    problem = Problem.of(
        "population.csv", "empty_number_between", row=3, column="year",
        what="a year", low=1900, high=2100,
    )  # fmt: skip
    assert str(problem) == (
        "population.csv, row 3, column year: is empty; expected a year between 1900 and 2100"
    )
    assert problem.render("da_DK.UTF-8") == (
        "population.csv, række 3, kolonne year: er tom; forventede et år mellem 1900 og 2100"
    )


def test_no_rendering_quotes_a_cpr_shaped_value() -> None:
    problem = Problem.of("moves.csv", "not_date", row=2, column="move_date", value="010203-1234")
    for language in texts.LANGUAGES:
        assert "010203-1234" not in problem.render(language)
    error = AnalysisUnavailable.of("needs_person_id", what="0102031234")
    assert "0102031234" not in error.text("da")


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "da_DK.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "da:en"}, "da"),
        ({"LC_MESSAGES": "da_DK.UTF-8"}, "da"),
    ],
)
def test_the_command_line_language_follows_the_locale(environ, language) -> None:  # type: ignore[no-untyped-def]
    assert texts.cli_language(environ) == language


def test_an_input_error_renders_every_problem_in_the_language() -> None:
    error = InputError([Problem.of("a.csv", "no_rows"), Problem.of("b.csv", "file_not_found")])
    assert error.text("da").splitlines() == [
        "a.csv: har en overskriftsrække, men ingen rækker; forventede én række pr. flytning eller "
        "optælling",
        "b.csv: filen findes ikke",
    ]
    assert str(error) == error.text("en")


def test_an_error_kept_as_json_renders_later_in_either_language() -> None:
    refused = InputError([Problem.of("survey.csv", "bad_weight", row=4, column="weight")])
    kept = error_json(refused)
    assert (
        error_from_json(kept)
        == "survey.csv, row 4, column weight: a weight must be a number above 0"
    )
    assert error_from_json(kept, "da") == (
        "survey.csv, række 4, kolonne weight: en vægt skal være et tal over 0"
    )
    coded = error_json(AnalysisUnavailable.of("needs_person_id", what="Return migration"))
    assert error_from_json(coded, "da") == "Tilbageflytning kræver kolonnen person_id i moves.csv"
    assert error_from_json("too few respondents") is None
    assert error_json(AnalysisUnavailable("plain words")) == "plain words"


def test_a_message_may_name_other_messages_and_each_is_translated() -> None:
    names = [texts.part(PROBLEMS["dim_column"], number=1),
             texts.part(PROBLEMS["dim_heading"], number=2)]  # fmt: skip
    problem = Problem.of("FLY66.csv", "all_hold", names=names, what="year", layouts=LAYOUTS)
    assert problem.message == (
        f"column 1 and the heading on line 2 all hold the year: cannot tell which is meant. "
        f"{LAYOUTS}"
    )
    danish = problem.text("da")
    assert danish.startswith(
        "kolonne 1 og overskriften på linje 2 indeholder alle året: kan ikke afgøre, hvilken der "
        "menes. De layouts, der forstås: (1) API'ets CSV"
    )
