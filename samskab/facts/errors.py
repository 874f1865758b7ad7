"""Errors the fact base reports to a user: each names the file, the row and the column."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from samskab.common import texts
from samskab.facts.cpr import redact
from samskab.facts.problem_texts import PROBLEMS


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    `row` is the line number in the file as a user sees it in an editor (the header is row 1),
    or None when the problem concerns the whole file or a missing row; `column` is the header
    name, or None when the problem is not tied to a column.

    The checks never quote a CPR-shaped value; should a message come from elsewhere (a library's
    error text), any CPR-shaped part of the message or column is replaced all the same.

    A problem made with `Problem.of` carries a `code` of `problem_texts.PROBLEMS` and its
    `params`, and `message` is its English rendering; `text(language)` renders it in another
    language (see samskab.common.texts). A problem without a code has its message only.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    code: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", redact(self.message))
        if self.column is not None:
            object.__setattr__(self, "column", redact(self.column))
        if self.params:
            plain = {name: _plain(value) for name, value in self.params.items()}
            object.__setattr__(self, "params", plain)

    @classmethod
    def of(
        cls,
        file: str,
        code: str,
        /,
        *,
        row: int | None = None,
        column: str | None = None,
        **params: Any,
    ) -> Problem:
        """Return the problem `code` (a key of PROBLEMS) with its parameters."""
        return cls(file, texts.render(PROBLEMS[code], params), row, column, code, params)

    def text(self, language: str = "en") -> str:
        """Return the message in `language` ("en" or "da")."""
        if self.code is None:
            return texts.translate(self.message, language)
        return redact(texts.render(PROBLEMS[self.code], self.params, language))

    def where(self, language: str = "en") -> str:
        """Return "file, row N, column C" in `language`."""
        where = [self.file]
        if self.row is not None:
            where.append(texts.render(PROBLEMS["row"], {"row": self.row}, language))
        if self.column is not None:
            where.append(texts.render(PROBLEMS["column"], {"column": self.column}, language))
        return ", ".join(where)

    def render(self, language: str = "en") -> str:
        """Return the problem with where it is, in `language`."""
        return f"{self.where(language)}: {self.text(language)}"

    def __str__(self) -> str:
        return self.render()


def _plain(value: Any) -> Any:
    """Return a parameter as JSON keeps it (a NumPy number as a Python one), text redacted."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    item = getattr(value, "item", None)
    return item() if callable(item) else redact(str(value))


EXAMPLE_ROWS = 3  # rows shown for one problem before "… and N more rows"


def more_rows(file: str, count: int, column: str | None) -> Problem:
    """Return the problem that stands for `count` further rows with the problem just shown."""
    return Problem.of(file, "more_rows", column=column, count=count)


class Refusal(ValueError):
    """Why a value is refused, as a code of PROBLEMS and its parameters; its str is English."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(texts.render(PROBLEMS[code], params))
        self.code, self.params = code, params


class FactsError(Exception):
    """Base class for every error the fact base raises for a user to read.

    Raised with a code of PROBLEMS and its parameters (`FactsError.of`), it renders in another
    language with `text(language)`; raised with a message only, `text` translates the message
    where the catalogue has it."""

    code: str | None = None
    params: Mapping[str, Any] = {}

    @classmethod
    def of(cls, code: str, /, **params: Any) -> Self:
        """Return the error `code` (a key of PROBLEMS) with its parameters."""
        error = cls(redact(texts.render(PROBLEMS[code], params)))
        error.code, error.params = code, params
        return error

    def text(self, language: str = "en") -> str:
        """Return the error's message in `language`."""
        if self.code is None:
            return texts.translate(str(self), language)
        return redact(texts.render(PROBLEMS[self.code], self.params, language))


class InputError(FactsError):
    """Input that cannot be imported; carries every problem found (the first ones of each kind)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def text(self, language: str = "en") -> str:
        """Return every problem, one a line, in `language`."""
        return "\n".join(p.render(language) for p in self.problems)


class AnalysisUnavailable(FactsError):
    """An analysis that the given data cannot support (e.g. retention from counted flows)."""


def error_json(error: FactsError) -> str:
    """Return an error as JSON that `error_from_json` renders later in any language: an input
    error's problems, or a coded error's code and parameters; an error with a message only is
    returned as its text."""
    if isinstance(error, InputError):
        problems = [
            {"file": p.file, "message": p.message, "row": p.row, "column": p.column,
             "code": p.code, "params": dict(p.params)}
            for p in error.problems
        ]  # fmt: skip
        return json.dumps({"problems": problems}, ensure_ascii=False)
    if error.code is None:
        return str(error)
    return json.dumps({"code": error.code, "params": dict(error.params)}, ensure_ascii=False)


def error_from_json(text: str, language: str = "en") -> str | None:
    """Return the error written by `error_json` in `language`, or None for any other text."""
    try:
        document = json.loads(text) if text.startswith("{") else None
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    if isinstance(document.get("problems"), list):
        return "\n".join(Problem(**p).render(language) for p in document["problems"])
    if document.get("code") in PROBLEMS:
        params = document.get("params") or {}
        return redact(texts.render(PROBLEMS[document["code"]], params, language))
    return None
