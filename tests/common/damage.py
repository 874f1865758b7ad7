"""Damaged files: strategies that break a good file the way files break in practice.

A file cut off mid-line, a byte or a line gone astray, another delimiter, a BOM, another
encoding or line ending, a stray quote, a number too large for any integer type, an empty file,
a header and nothing below it (`damaged`); a JSON document with any part replaced by any JSON
value (`edited_documents`); any value a spreadsheet cell holds (`SPREADSHEET_CELLS`). Starting
from a good file keeps most examples close enough to valid to reach the code beyond the first
parse, which random bytes rarely do.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

Draw = Callable[[st.SearchStrategy[Any]], Any]

NUMBERS = [
    b"9" * 40,
    b"-1",
    b"-0",
    b"1e308",
    b"1e999",
    b"NaN",
    b"inf",
    b"-inf",
    b"2147483647",
    b"2147483648",
    b"9223372036854775807",
    b"9223372036854775808",
    b"0x10",
    b"1_000",
    b"\xc2\xb2",  # a superscript two: a digit to str.isdigit, not to int()
    b"\xd9\xa3",  # an Arabic-Indic three: a digit to int(), not to a regular expression
    b"",
]
STRAY = [b'"', b"'", b",", b";", b"\t", b"\n", b"\r", b"\x00", b"\\", b"\xff", b"=1+1", b" "]
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"]


def _position(draw: Draw, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _truncate(draw: Draw, data: bytes) -> bytes:
    return data[: _position(draw, data)]


def _insert(draw: Draw, data: bytes) -> bytes:
    at = _position(draw, data)
    extra = draw(st.one_of(st.sampled_from(STRAY), st.binary(min_size=1, max_size=8)))
    return data[:at] + bytes(extra) + data[at:]


def _delete(draw: Draw, data: bytes) -> bytes:
    at = _position(draw, data)
    return data[:at] + data[at + draw(st.integers(1, 8)) :]


def _number(draw: Draw, data: bytes) -> bytes:
    """Replace one run of digits with a number no importer should take as it is."""
    runs = list(re.finditer(rb"\d+", data))
    if not runs:
        return data
    run = runs[draw(st.integers(0, len(runs) - 1))]
    number = draw(st.sampled_from(NUMBERS))
    return data[: run.start()] + number + data[run.end() :]


def _delimiter(draw: Draw, data: bytes) -> bytes:
    old = draw(st.sampled_from([b",", b";"]))
    new = draw(st.sampled_from([b";", b",", b"\t", b"|", b""]))
    return data.replace(old, new)


def _bom(draw: Draw, data: bytes) -> bytes:
    return draw(st.sampled_from(BOMS)) + data


def _encoding(draw: Draw, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "cp1252", "latin-1", "utf-32"]))
    return text.encode(encoding, errors="replace")


def _line_endings(draw: Draw, data: bytes) -> bytes:
    ending = draw(st.sampled_from([b"\r\n", b"\r", b"\n\n", b"\x85", "\u2028".encode()]))
    return data.replace(b"\r\n", b"\n").replace(b"\n", ending)


def _shuffle_lines(draw: Draw, data: bytes) -> bytes:
    """Drop, repeat or move one line."""
    lines = _lines(data)
    if not lines:
        return data
    at = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["drop", "repeat", "first", "cells"]))
    if how == "drop":
        del lines[at]
    elif how == "repeat":
        lines.insert(at, lines[at])
    elif how == "first":
        lines.insert(0, lines.pop(at))
    else:  # one cell more or fewer on the line
        line = lines[at].rstrip(b"\r\n")
        lines[at] = (line + b",x;y" if draw(st.booleans()) else line[: line.rfind(b",")]) + b"\n"
    return b"".join(lines)


def _header_only(draw: Draw, data: bytes) -> bytes:
    lines = _lines(data)
    return lines[0] if lines else data


def _long_cell(draw: Draw, data: bytes) -> bytes:
    at = _position(draw, data)
    return data[:at] + b"x" * draw(st.sampled_from([300, 70_000])) + data[at:]


MUTATIONS: list[Callable[[Draw, bytes], bytes]] = [
    _truncate,
    _insert,
    _delete,
    _number,
    _number,
    _delimiter,
    _bom,
    _encoding,
    _line_endings,
    _shuffle_lines,
    _shuffle_lines,
    _header_only,
    _long_cell,
]


@st.composite
def damaged(draw: Draw, good: bytes, *, most: int = 3) -> bytes:
    """Return `good` with up to `most` kinds of damage, now and then emptied or left whole."""
    kind = draw(st.sampled_from(["damaged"] * 8 + ["whole", "empty", "blank"]))
    if kind == "whole":
        return good
    if kind == "empty":
        return b""
    if kind == "blank":
        return draw(st.sampled_from([b"\n", b" ", b"\r\n\r\n", b"\xef\xbb\xbf"]))
    data = good
    for _ in range(draw(st.integers(1, most))):
        mutation = draw(st.sampled_from(MUTATIONS))
        data = mutation(draw, data)
    return data


def steady_workbook(content: bytes) -> bytes:
    """Return a workbook's bytes with its save time set to one fixed moment (in the zip and in
    its properties), so the same example makes the same file on every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2020-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(part.filename, date_time=(2020, 1, 1, 0, 0, 0))
            target.writestr(fixed, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# Any value a spreadsheet cell can hold.
SPREADSHEET_CELLS = st.one_of(
    st.sampled_from(["", " ", "760", "0760", "abroad", "7001", "2008-01-01", "=1/0", "#N/A"]),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
    st.times(),
    st.text(max_size=8).map(lambda t: "".join(c for c in t if c.isprintable())),
)


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(),  # NaN and infinities too: Python's JSON reads them
        st.text(max_size=6),
        st.sampled_from(["Polygon", "MultiPolygon", "Feature", "GeometryCollection", "7001"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every value inside a document, the document's own () first."""
    places = [path]
    if isinstance(value, dict | list):
        for key, inner in value.items() if isinstance(value, dict) else enumerate(value):
            places += _places(inner, (*path, key))
    return places


@st.composite
def edited_documents(draw: st.DrawFn, good: dict[str, Any]) -> Any:
    """Return `good` with a few values replaced by any JSON value, or removed."""
    document: Any = copy.deepcopy(good)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_places(document)))
        if not path:
            document = draw(JSON_VALUES)
            continue
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.integers(0, 4)) == 0:
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(JSON_VALUES)
    return document
