"""The codebook: per survey item its type, answer labels and role, inferred and editable.

A codebook is kept as JSON, or as CSV for editing in a spreadsheet: one row per answer code,
with the columns name, kind, role, question, code, label and missing. An item's kind, role and
question are read from the first of its rows that gives them (later rows may leave them, and
even the name, empty); an item without codes (numeric, text) has one row with code empty; a
code marked missing ("yes", "ja", "x" or "1") is read as no answer.

Answers are read as text first, whatever the file format, and every item's answers are turned
into numbers here: a labelled string such as "1 Extremely well" becomes the code 1 with the
label "Extremely well"; plain answers such as "Herning" get codes 1, 2, … in sorted order.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, cast, get_args

import pandas as pd

from samskab.segments.errors import InputError, Problem

Kind = Literal["categorical", "ordinal", "numeric", "text"]
Role = Literal["segmenting", "descriptive"]
KINDS: tuple[str, ...] = get_args(Kind)
ROLES: tuple[str, ...] = get_args(Role)

MAX_LEVELS = 11  # a 0–10 scale is the longest answer scale we read as categories
MAX_EXTRA_TEXTS = 3  # "Ved ikke" and the like next to coded answers
MISSING_TEXTS = frozenset({"", "na", "n/a", "nan", "null", ".", "#null!"})
_LABELLED = re.compile(r"^(-?\d+)\s*[.:)=-]?\s+(\S.*)$")
_NUMBER = re.compile(r"^-?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$")
_MAX_PROBLEMS = 10


@dataclass(frozen=True)
class Item:
    """One survey question (column): how its answers are read and what it is used for."""

    name: str
    kind: Kind
    role: Role = "descriptive"
    question: str = ""
    labels: dict[float, str] = field(default_factory=dict)
    missing: tuple[float, ...] = ()

    @property
    def is_coded(self) -> bool:
        """Return whether answers are codes of categories (categorical or ordinal)."""
        return self.kind in ("categorical", "ordinal")

    def label(self, code: float) -> str:
        """Return the label of a code, or the code itself written plainly."""
        return self.labels.get(code, _plain_code(code))

    def title(self) -> str:
        """Return the question text, or the item's name where there is none."""
        return self.question or self.name


@dataclass(frozen=True)
class Codebook:
    """The items of a survey, in the file's column order."""

    items: tuple[Item, ...]

    def __getitem__(self, name: str) -> Item:
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(name)

    def names(self) -> list[str]:
        """Return the item names in order."""
        return [item.name for item in self.items]

    def with_roles(self, segmenting: Iterable[str]) -> Codebook:
        """Return the codebook with exactly the given items segmenting, all others descriptive."""
        chosen = set(segmenting)
        roles: dict[bool, Role] = {True: "segmenting", False: "descriptive"}
        return Codebook(tuple(replace(i, role=roles[i.name in chosen]) for i in self.items))

    def with_questions(self, questions: dict[str, str]) -> Codebook:
        """Return the codebook with the question texts given by item name (others kept)."""
        return Codebook(
            tuple(replace(i, question=questions.get(i.name, i.question)) for i in self.items)
        )

    def to_csv(self) -> str:
        """Return the codebook as the CSV a user edits in a spreadsheet (see the docstring)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for item in self.items:
            codes = sorted(set(item.labels) | set(item.missing))
            head = [item.name, item.kind, item.role, item.question]
            if not codes:
                writer.writerow([*head, "", "", ""])
            for i, code in enumerate(codes):
                missing = "yes" if code in item.missing else ""
                first = head if i == 0 else [item.name, "", "", ""]
                writer.writerow([*first, _plain_code(code), item.labels.get(code, ""), missing])
        return out.getvalue()

    def to_json(self) -> str:
        """Return the codebook as the JSON a user edits and passes back with --codebook."""
        return json.dumps(
            {"items": [_item_json(i) for i in self.items]}, ensure_ascii=False, indent=2
        )


def _item_json(item: Item) -> dict[str, object]:
    return {
        "name": item.name,
        "kind": item.kind,
        "role": item.role,
        "question": item.question,
        "labels": {_plain_code(code): text for code, text in sorted(item.labels.items())},
        "missing": [_number(code) for code in item.missing],
    }


def _plain_code(code: float) -> str:
    return str(int(code)) if float(code).is_integer() else str(code)


def _number(code: float) -> int | float:
    return int(code) if float(code).is_integer() else code


CSV_COLUMNS = ("name", "kind", "role", "question", "code", "label", "missing")
_YES = frozenset({"yes", "ja", "x", "1", "true", "sand", "missing", "mangler"})
_NO = frozenset({"", "no", "nej", "0", "false", "falsk"})


def read_codebook(path: Path) -> Codebook:
    """Return the codebook in a JSON file written by `Codebook.to_json`, or a CSV file written
    by `Codebook.to_csv` (either perhaps edited)."""
    if path.suffix.lower() in (".csv", ".txt"):
        return read_codebook_csv(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        problem = Problem.of(str(path), "not_codebook", reason=str(error))
        raise InputError([problem]) from None
    except RecursionError:  # arrays or objects inside each other thousands of levels deep
        raise InputError([Problem.of(str(path), "codebook_too_deep")]) from None
    return parse_codebook(document, str(path))


def read_codebook_csv(path: Path) -> Codebook:
    """Return the codebook in a CSV file (comma or semicolon separated, UTF-8 or Windows-1252);
    InputError naming the row and item of each problem."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError([Problem.of(source, "not_codebook", reason=str(error))]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(reader.line_num, cells) for cells in reader]  # the line a record ends on
    except csv.Error as error:
        raise InputError([Problem.of(source, "unreadable_csv", reason=str(error))]) from None
    columns = [c.strip().casefold() for c in rows[0][1]] if rows else []
    if "name" not in columns or "kind" not in columns:
        problem = Problem.of(source, "codebook_columns", columns=", ".join(CSV_COLUMNS))
        raise InputError([problem])
    entries: dict[str, dict[str, object]] = {}
    first_rows: dict[str, int] = {}
    problems: list[Problem] = []
    name = ""
    for number, cells in rows[1:]:
        record = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns)}
        if not any(record.values()):
            continue
        name = record.get("name") or name
        if not name:
            problems.append(Problem.of(source, "row_names_no_item", row=number))
            continue
        entry = entries.setdefault(name, {"name": name, "labels": {}, "missing": []})
        first_rows.setdefault(name, number)
        problems += _csv_record(source, number, name, record, entry)
    items = []
    for name, entry in entries.items():
        try:
            items.append(_item_from_json(entry))
        except (KeyError, TypeError, ValueError) as error:
            problems.append(_entry_problem(source, error, first_rows[name], name))
    if problems:
        raise InputError(problems[:_MAX_PROBLEMS])
    return Codebook(tuple(items))


def _csv_record(
    source: str, row: int, name: str, record: dict[str, str], entry: dict[str, object]
) -> list[Problem]:
    """Add one CSV row to its item's entry; return the row's problems."""
    problems = []
    for key in ("kind", "role", "question"):
        value = record.get(key, "")
        if value and entry.setdefault(key, value) != value:
            problems.append(
                Problem.of(
                    source,
                    "differs_from_above",
                    row=row,
                    column=name,
                    key=key,
                    value=value,
                    above=str(entry[key]),
                )
            )
    code_text, label = record.get("code", ""), record.get("label", "")
    flag = record.get("missing", "").casefold()
    if flag not in _YES | _NO:
        flagged = str(record.get("missing"))
        problems.append(Problem.of(source, "missing_flag", row=row, column=name, value=flagged))
    if not code_text:
        if label or flag in _YES:
            problems.append(Problem.of(source, "label_needs_code", row=row, column=name))
        return problems
    try:
        code = float(code_text.replace(",", "."))
        if math.isnan(code) or math.isinf(code):
            raise ValueError
    except ValueError:
        problems.append(
            Problem.of(source, "code_not_number", row=row, column=name, value=code_text)
        )
        return problems
    labels = cast(dict[str, str], entry["labels"])
    if label:
        labels[_plain_code(code)] = label
    if flag in _YES:
        cast(list[float], entry["missing"]).append(code)
    return problems


def parse_codebook(document: object, source: str) -> Codebook:
    """Return the codebook in a parsed JSON document; InputError naming each bad item."""
    entries = document.get("items") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise InputError([Problem.of(source, "codebook_no_items")])
    problems: list[Problem] = []
    items = []
    for number, entry in enumerate(entries, start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            problems.append(
                Problem.of(source, "item_name_not_text", number=number, name=json.dumps(name))
            )
            continue
        try:
            items.append(_item_from_json(entry))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            problems.append(_entry_problem(source, error, None, name))
    if problems:
        raise InputError(problems)
    return Codebook(tuple(items))


class _EntryError(ValueError):
    """A codebook entry that cannot be read: a problem code and its parameters."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _entry_problem(source: str, error: Exception, row: int | None, name: str) -> Problem:
    """Return the problem of a codebook entry that raised `error` when read."""
    if isinstance(error, _EntryError):
        return Problem.of(source, error.code, row=row, column=name, **error.params)
    return Problem(source, str(error).strip("'\""), row=row, column=name)


def _item_from_json(entry: dict[str, object]) -> Item:
    kind, role = entry.get("kind"), entry.get("role", "descriptive")
    if kind not in KINDS:
        raise _EntryError("bad_kind", value=str(kind), choices=", ".join(KINDS))
    if role not in ROLES:
        raise _EntryError("bad_role", value=str(role), choices=", ".join(ROLES))
    labels = cast(dict[str, str], entry.get("labels") or {})
    missing = cast(list[float], entry.get("missing") or [])
    return Item(
        name=str(entry["name"]),
        kind=cast(Kind, kind),
        role=cast(Role, role),
        question=str(entry.get("question") or ""),
        labels={_code(key): str(text) for key, text in labels.items()},
        missing=tuple(float(code) for code in missing),
    )


def _code(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise _EntryError("label_key_not_number", value=str(text)) from None


def parse_answer(text: str | None) -> float | tuple[float, str] | str | None:
    """Return an answer as None (missing), a number, a (code, label) pair or plain text."""
    if text is None:
        return None
    value = str(text).strip()
    if value.casefold() in MISSING_TEXTS:
        return None
    if _NUMBER.match(value):
        return float(value.replace(",", "."))
    labelled = _LABELLED.match(value)
    if labelled:
        return float(labelled.group(1)), labelled.group(2).strip()
    return value


def infer_item(
    file: str, name: str, answers: pd.Series, first_row: int, known: dict[float, str]
) -> Item:
    """Return the item that a column's text answers suggest; `known` are labels from the file
    (SPSS value labels, an XLSX labels sheet). Raises InputError when one code has two labels."""
    labels = dict(known)
    seen_at: dict[float, int] = {}
    codes: set[float] = set()
    texts: set[str] = set()
    problems: list[Problem] = []
    for position, raw in enumerate(answers.tolist()):
        answer = parse_answer(raw)
        if isinstance(answer, tuple):
            code, text = answer
            codes.add(code)
            if labels.setdefault(code, text) != text and len(problems) < _MAX_PROBLEMS:
                params = {"code": _plain_code(code), "label": text, "first": labels[code]}
                if code in seen_at:
                    params["first_row"] = str(seen_at[code])
                problems.append(
                    Problem.of(
                        file,
                        "two_labels_at" if code in seen_at else "two_labels",
                        row=first_row + position,
                        column=name,
                        **params,
                    )
                )
            seen_at.setdefault(code, first_row + position)
        elif isinstance(answer, float):
            codes.add(answer)
        elif isinstance(answer, str):
            texts.add(answer)
    if problems:
        raise InputError(problems)
    return _classify(name, codes, texts, labels, len(answers))


def _classify(
    name: str, codes: set[float], texts: set[str], labels: dict[float, str], n: int
) -> Item:
    whole = all(float(c).is_integer() for c in codes)
    if texts and (codes or labels) and len(texts) <= MAX_EXTRA_TEXTS and whole:
        # A few answers such as "Ved ikke" beside coded ones: categories after the highest code.
        top = max(codes | set(labels))
        labels |= {top + i: text for i, text in enumerate(sorted(texts), start=1)}
        return _coded_item(name, codes | set(labels), labels)
    if texts:
        if len(texts) <= 2 * MAX_LEVELS and len(texts) <= max(n // 2, 2) and not codes:
            named = {float(i): text for i, text in enumerate(sorted(texts), start=1)}
            return Item(name, "categorical", "descriptive", labels=named)
        return Item(name, "text")
    if labels or (whole and len(codes) <= MAX_LEVELS):
        return _coded_item(name, codes | set(labels), labels)
    return Item(name, "numeric")


def _coded_item(name: str, codes: set[float], labels: dict[float, str]) -> Item:
    ordered = sorted(codes)
    ordinal = 3 <= len(ordered) <= MAX_LEVELS and forms_scale(ordered, labels)
    kind: Kind = "ordinal" if ordinal else "categorical"
    role: Role = "segmenting" if labels and 2 <= len(ordered) <= MAX_LEVELS else "descriptive"
    return Item(name, kind, role, labels=dict(sorted(labels.items())))


# Words that say how much, not what: a scale's end labels differ in these (or in a negating
# prefix) and agree in the rest ("Meget uvigtigt" … "Meget vigtigt", "Extremely well" … "Not
# well at all", "Helt uenig" … "Helt enig"). Danish and English.
_DEGREE = frozenset(
    {
        "meget",
        "ikke",
        "slet",
        "helt",
        "delvis",
        "lidt",
        "noget",
        "ret",
        "temmelig",
        "overvejende",
        "hverken",
        "eller",
        "og",
        "i",
        "en",
        "et",
        "til",
        "af",
        "på",
        "det",
        "høj",
        "højt",
        "lav",
        "lavt",
        "grad",
        "særdeles",
        "yderst",
        "mest",
        "mindst",
        "mere",
        "mindre",
        "overhovedet",
        "fuldstændig",
        "fuldt",
        "totalt",
        "very",
        "extremely",
        "quite",
        "fairly",
        "rather",
        "somewhat",
        "slightly",
        "a",
        "bit",
        "little",
        "not",
        "too",
        "at",
        "all",
        "completely",
        "totally",
        "fully",
        "strongly",
        "mostly",
        "mainly",
        "neither",
        "nor",
        "or",
        "and",
        "much",
        "more",
        "less",
        "most",
        "least",
        "highly",
        "moderately",
        "absolutely",
        "of",
        "the",
        "to",
        "so",
    }
)
# End labels that are opposite poles of a scale by themselves ("Aldrig" … "Altid").
_LOW_POLE = frozenset(
    {
        "aldrig",
        "never",
        "ingen",
        "none",
        "lav",
        "lavt",
        "low",
        "poor",
        "bad",
        "dårlig",
        "dårligt",
        "værst",
        "worst",
        "lille",
        "small",
        "sjældent",
        "rarely",
        "minimal",
        "mindst",
        "least",
        "ikke",
        "not",
        "intet",
        "nothing",
    }
)
_HIGH_POLE = frozenset(
    {
        "altid",
        "always",
        "alle",
        "all",
        "høj",
        "højt",
        "high",
        "excellent",
        "fremragende",
        "god",
        "godt",
        "good",
        "bedst",
        "best",
        "stor",
        "large",
        "ofte",
        "often",
        "maksimal",
        "maximal",
        "mest",
        "most",
        "fuldstændig",
        "completely",
        "helt",
        "fully",
        "fuld",
        "full",
    }
)
# Answers that are off any scale ("Ved ikke"): an item offering one is not ordered as a whole.
_OFF_SCALE = re.compile(
    r"ved ikke|\bvil ikke\b|ikke relevant|uoplyst|don.?t know|do not know|not applicable|"
    r"\bn/a\b|prefer not|no answer|intet svar",
    re.IGNORECASE,
)
_NEGATIONS = ("dis", "un", "in", "u")


def forms_scale(codes: list[float], labels: dict[float, str]) -> bool:
    """Return whether whole answer codes (ascending, at most MAX_LEVELS apart) with these
    labels form an ordered scale: the lowest and highest codes are labelled, their labels name
    the two ends of one dimension (the same words apart from degree and negation, or opposite
    poles such as "never" and "always"), and no answer is off the scale ("Ved ikke"). Codes
    without labels, or labels that merely name things ("Job", "Uddannelse", … "Andet"), are
    categories, not a scale."""
    whole = all(float(code).is_integer() for code in codes)
    if len(codes) < 2 or not whole or codes[-1] - codes[0] >= MAX_LEVELS:
        return False
    first, last = labels.get(codes[0], ""), labels.get(codes[-1], "")
    if not first or not last or any(_OFF_SCALE.search(text) for text in labels.values()):
        return False
    low, high = _words(first), _words(last)
    if low == high or _content(low) != _content(high):
        return False
    # The same dimension at both ends ("vigtigt"), or ends that are opposite poles by themselves.
    opposite = (low & _LOW_POLE and high & _HIGH_POLE) or (low & _HIGH_POLE and high & _LOW_POLE)
    return bool(_content(low) or opposite)


def _words(label: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", label.casefold()))


def _content(words: set[str]) -> set[str]:
    """Return the stems of the words that say neither degree nor pole, without a negating
    prefix."""
    stems = set()
    for word in words - _DEGREE - _LOW_POLE - _HIGH_POLE:
        for prefix in _NEGATIONS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                word = word[len(prefix) :]
                break
        stems.add(word[:5])
    return stems


def encode_column(file: str, item: Item, answers: pd.Series, first_row: int) -> pd.Series:
    """Return a column's answers as the codebook reads them: codes (float, NaN when missing) for
    coded items, numbers for numeric items, text for text. Raises InputError naming each row
    whose answer the codebook does not know."""
    if item.kind == "text":
        return answers.astype("string")
    by_label = {text.casefold(): code for code, text in item.labels.items()}
    values: list[float] = []
    problems: list[Problem] = []
    seen: dict[tuple[type, str | int | float], _Encoded] = {}  # a survey repeats its answers
    for position, raw in enumerate(answers.tolist()):
        if isinstance(raw, (str, int, float)) and raw == raw:  # NaN, None, NA: computed each time
            key = (type(raw), raw)
            found = seen.get(key)
            if found is None:
                found = seen[key] = _encode(item, parse_answer(str(raw)), by_label)
        else:
            found = _encode(item, parse_answer(raw), by_label)
        value, wrong = found
        if wrong and len(problems) < _MAX_PROBLEMS:
            code, params = wrong
            row = first_row + position
            problems.append(Problem.of(file, code, row=row, column=item.name, **params))
        values.append(math.nan if value is None or value in item.missing else value)
    if problems:
        raise InputError(problems)
    return pd.Series(values, index=answers.index, name=item.name, dtype="float64")


_Encoded = tuple[float | None, tuple[str, dict[str, str]] | None]


def _encode(
    item: Item, answer: float | tuple[float, str] | str | None, by_label: dict[str, float]
) -> _Encoded:
    """Return the answer's value, or None and the problem (code, parameters) it has."""
    if answer is None:
        return None, None
    if item.kind == "numeric":
        if isinstance(answer, float):
            return answer, None
        return None, ("answer_not_number", {"value": _shown(answer)})
    code = answer[0] if isinstance(answer, tuple) else answer
    if isinstance(code, str):
        code = by_label.get(code.casefold(), math.nan)
    if item.labels and code not in item.labels and code not in item.missing:
        known = ", ".join(f"{_plain_code(c)} {t}" for c, t in sorted(item.labels.items()))
        return None, ("not_an_answer", {"value": _shown(answer), "known": known})
    if math.isnan(code):
        return None, ("answer_not_code", {"value": _shown(answer)})
    return code, None


def _shown(answer: float | tuple[float, str] | str) -> str:
    if isinstance(answer, tuple):
        return f"{_plain_code(answer[0])} {answer[1]}"
    return _plain_code(answer) if isinstance(answer, float) else answer
