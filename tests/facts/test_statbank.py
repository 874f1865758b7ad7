"""Reading StatBank FLY66 in its web and API shapes, and the balance per municipality.

The fixtures hold one small year of moves between three municipalities (2024):

    to \\ from           Herning (657)  Holstebro (661)  Ringkøbing-Skjern (760)
    Herning                   -              15                 90
    Holstebro                25               -                 30
    Ringkøbing-Skjern       120              40                  -

Computed by hand:
    760 Ringkøbing-Skjern  in 120+40 = 160   out 90+30 = 120   net  +40
    657 Herning            in  15+90 = 105   out 25+120 = 145  net  -40
    661 Holstebro          in  25+30 =  55   out 15+40 =  55   net    0
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from samskab.facts.errors import AnalysisUnavailable, FactsError, InputError
from samskab.facts.statbank import BALANCE_COLUMNS, municipality_balance, read_fly66
from samskab.facts.statbank_cli import register
from samskab.facts.statbank_layout import LAYOUTS

EXPECTED_2024 = [
    (657, "Herning", 105, 145, -40),
    (661, "Holstebro", 55, 55, 0),
    (760, "Ringkøbing-Skjern", 160, 120, 40),
]

WEB_NO_HEADER = """\
Til Herning;Fra Holstebro;2024;15
Til Herning;Fra Ringkøbing-Skjern;2024;90
Til Holstebro;Fra Herning;2024;25
Til Holstebro;Fra Ringkøbing-Skjern;2024;30
Til Ringkøbing-Skjern;Fra Herning;2024;120
Til Ringkøbing-Skjern;Fra Holstebro;2024;40
"""

# A web download with its title lines, quoted labels, labels left empty under the one above (as
# the web interface shows them), and age and sex split: 120 = 30 + 40 + 20 + 30, and so on.
WEB_SPLIT_WITH_TITLE = """\
"Flytninger mellem kommuner efter tilflytningskommune, fraflytningskommune, alder, køn og tid"
"Enhed: antal"
"Til Herning";"Fra Holstebro";"20-24 år";"Mænd";"2024";"15"
"";"Fra Ringkøbing-Skjern";"20-24 år";"Mænd";"2024";"50"
"";"";"";"Kvinder";"2024";"40"
"Til Holstebro";"Fra Herning";"20-24 år";"Mænd";"2024";"25"
"";"Fra Ringkøbing-Skjern";"20-24 år";"Kvinder";"2024";"30"
"Til Ringkøbing-Skjern";"Fra Herning";"20-24 år";"Mænd";"2024";"30"
"";"";"";"Kvinder";"2024";"40"
"";"";"25-29 år";"Mænd";"2024";"20"
"";"";"";"Kvinder";"2024";"30"
"";"Fra Holstebro";"25-29 år";"Kvinder";"2024";"40"
"Kilde: Danmarks Statistik"
"""

# Years as columns; 2023 is there only to be left out, with ".." and "-" for nothing published.
WEB_PIVOT = """\
Flytninger mellem kommuner efter tilflytningskommune, fraflytningskommune og tid
;;2023;2024
Til Herning;Fra Holstebro;..;15
;Fra Ringkøbing-Skjern;77;90
Til Holstebro;Fra Herning;-;25
;Fra Ringkøbing-Skjern;5;30
Til Ringkøbing-Skjern;Fra Herning;100;120
;Fra Holstebro;1.234;40
"""

API_LABELS = """\
TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;INDHOLD
Herning;Holstebro;I alt;Mænd;2024;7
Herning;Holstebro;I alt;Kvinder;2024;8
Herning;Ringkøbing-Skjern;I alt;Mænd;2024;90
Holstebro;Herning;I alt;Mænd;2024;25
Holstebro;Ringkøbing-Skjern;I alt;Mænd;2024;30
Ringkøbing-Skjern;Herning;I alt;Mænd;2024;120
Ringkøbing-Skjern;Holstebro;I alt;Mænd;2024;40
"""

API_CODES = """\
TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD
657;661;2024;15
657;760;2024;90
661;657;2024;25
661;760;2024;30
760;657;2024;120
760;661;2024;40
"""

# BULK: every variable present, zero rows left out, an empty value for a suppressed cell, and
# the age total (IALT) next to the single ages, which must not be counted twice.
BULK = """\
TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;INDHOLD
657;661;IALT;1;2024;15
657;661;25;1;2024;15
657;760;IALT;2;2024;90
661;657;IALT;1;2024;25
661;760;IALT;2;2024;30
760;657;IALT;1;2024;70
760;657;IALT;2;2024;50
760;661;IALT;1;2024;40
760;661;IALT;2;2024;
"""


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def balance_rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    assert list(frame.columns) == BALANCE_COLUMNS
    return list(frame.itertuples(index=False, name=None))


def problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_fly66(paths)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (WEB_NO_HEADER, "latin-1"),
        (WEB_NO_HEADER, "utf-8"),
        (WEB_SPLIT_WITH_TITLE, "utf-8-sig"),
        (WEB_SPLIT_WITH_TITLE, "latin-1"),
        (WEB_PIVOT, "latin-1"),
        (API_LABELS, "utf-8"),
        (API_CODES, "utf-8"),
        (BULK, "utf-8-sig"),
    ],
    ids=[
        "latin1-download-without-header",
        "utf8-download-without-header",
        "utf8-bom-download-with-title-and-splits",
        "latin1-download-with-title-and-splits",
        "latin1-pivoted-years",
        "api-csv-with-labels",
        "api-csv-with-codes",
        "bulk",
    ],
)
def test_it_balances_every_format_to_the_hand_computed_result(
    tmp_path: Path, text: str, encoding: str
) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", text, encoding)])
    balance = municipality_balance(fly66, first_year=2024, last_year=2024)
    assert balance_rows(balance) == EXPECTED_2024


def test_it_reads_a_latin1_download_without_header(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", WEB_NO_HEADER, "latin-1")])
    assert list(fly66.columns) == ["year", "to_municipality", "from_municipality", "moves"]
    assert fly66.dtypes.map(str).tolist() == ["int64"] * 4
    first = fly66.iloc[0].tolist()
    assert first == [2024, 657, 661, 15]


def test_it_sums_age_and_sex_and_repeats_empty_labels_from_the_line_above(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", WEB_SPLIT_WITH_TITLE, "utf-8-sig")])
    pair = fly66[(fly66.to_municipality == 760) & (fly66.from_municipality == 657)]
    assert pair.moves.tolist() == [30 + 40 + 20 + 30]


def test_it_reads_years_from_the_line_above_a_pivoted_download(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", WEB_PIVOT, "latin-1")])
    in_2023 = fly66[fly66.year == 2023].set_index(["to_municipality", "from_municipality"])
    # ".." and "-" are nothing published (0); "1.234" has a thousands separator.
    assert in_2023.moves.to_dict() == {
        (657, 661): 0, (657, 760): 77, (661, 657): 0, (661, 760): 5, (760, 657): 100,
        (760, 661): 1234,
    }  # fmt: skip


def test_it_uses_the_total_rather_than_adding_it_to_the_splits(tmp_path: Path) -> None:
    text = """\
Til Herning;Fra Holstebro;Alder i alt;2024;15
;;0-19 år;2024;5
;;20-39 år;2024;10
Til Holstebro;Fra Herning;0-19 år;2024;20
;;20-39 år;2024;5
"""
    fly66 = read_fly66([write(tmp_path, "fly66.csv", text)])
    assert fly66.moves.tolist() == [15, 25]


def test_it_reads_every_csv_and_txt_file_in_a_folder(tmp_path: Path) -> None:
    lines = WEB_NO_HEADER.splitlines(keepends=True)
    write(tmp_path, "a.csv", "".join(lines[:3]), "latin-1")
    write(tmp_path, "b.TXT", "".join(lines[3:]), "utf-8")
    write(tmp_path, "notes.md", "not read")
    fly66 = read_fly66([tmp_path])
    assert fly66.moves.sum() == 15 + 90 + 25 + 30 + 120 + 40


def test_the_balance_leaves_out_abroad_and_moves_inside_one_municipality(tmp_path: Path) -> None:
    text = WEB_NO_HEADER + "Til Herning;Fra Udlandet;2024;500\nTil Herning;Fra Herning;2024;9\n"
    fly66 = read_fly66([write(tmp_path, "fly66.csv", text)])
    assert 0 in set(fly66.from_municipality)  # abroad is kept by the reader, as ABROAD = 0
    balance = municipality_balance(fly66, first_year=2024, last_year=2024)
    assert balance_rows(balance) == EXPECTED_2024


def test_the_balance_of_one_municipality_is_its_row_only(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", API_CODES)])
    balance = municipality_balance(fly66, first_year=2024, last_year=2024, municipality=760)
    assert balance_rows(balance) == [EXPECTED_2024[2]]


def test_the_balance_sums_the_years_of_the_period(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", WEB_PIVOT, "latin-1")])
    balance = municipality_balance(fly66, first_year=2023, last_year=2024, municipality=760)
    # 760 in 2023: in 100 + 1234, out 77 + 5; plus 2024: in 160, out 120.
    assert balance_rows(balance) == [(760, "Ringkøbing-Skjern", 1494, 202, 1292)]


def test_the_balance_fails_when_no_year_of_the_period_is_in_the_data(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", API_CODES)])
    with pytest.raises(AnalysisUnavailable, match="no year in 2020-2021; it covers 2024-2024"):
        municipality_balance(fly66, first_year=2020, last_year=2021)


def test_the_balance_fails_when_part_of_the_period_is_missing(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", API_CODES)])
    with pytest.raises(AnalysisUnavailable, match="lacks 2023 of the period 2023-2024"):
        municipality_balance(fly66, first_year=2023, last_year=2024)


def test_the_balance_fails_for_a_municipality_not_in_the_data(tmp_path: Path) -> None:
    fly66 = read_fly66([write(tmp_path, "fly66.csv", API_CODES)])
    with pytest.raises(AnalysisUnavailable, match=r"Aarhus \(751\) has no moves"):
        municipality_balance(fly66, first_year=2024, last_year=2024, municipality=751)
    with pytest.raises(FactsError, match="999 is not a Danish municipality code"):
        municipality_balance(fly66, first_year=2024, last_year=2024, municipality=999)


def test_it_names_file_row_and_column_of_an_unknown_municipality(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", WEB_NO_HEADER.replace("Fra Holstebro", "Fra Holsterbro"))
    message = (
        "column 2 (from municipality): unknown municipality 'Fra Holsterbro': expected a Danish "
        "municipality such as 'Til Herning', 'Fra Herning', 'Herning' or its code 657"
    )
    assert problems_of([path]) == [f"{path}, row 1, {message}", f"{path}, row 6, {message}"]


def test_it_names_the_header_column_of_a_bad_code_in_api_output(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", API_CODES.replace("661;760;2024;30", "661;999;2024;30"))
    assert problems_of([path])[0].startswith(
        f"{path}, row 5, column FRAKOMMUNE: unknown municipality '999'"
    )


def test_it_names_file_row_and_column_of_a_count_that_is_not_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", WEB_PIVOT.replace(";90", ";ni"), "latin-1")
    assert problems_of([path]) == [
        f"{path}, row 4, column 2024: expected a whole number of moves (or '..' or '-'), found 'ni'"
    ]


def test_it_refuses_a_fractional_count_in_api_output(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", API_CODES.replace(";120", ";12,5"))
    assert problems_of([path]) == [
        f"{path}, row 6, column INDHOLD: expected a whole number of moves (or '..' or '-'), "
        "found '12,5'"
    ]


def test_it_says_an_api_file_of_another_table_is_not_fly66(tmp_path: Path) -> None:
    path = write(tmp_path, "folk1a.csv", "OMRÅDE;KØN;TID;INDHOLD\n760;1;2024K1;28000\n")
    assert problems_of([path]) == [
        f"{path}, row 1: this is not FLY66: the header names OMRÅDE;KØN;TID;INDHOLD, "
        f"and lacks TILKOMMUNE, FRAKOMMUNE. {LAYOUTS}"
    ]


def test_it_says_a_web_download_of_another_table_is_not_fly66(tmp_path: Path) -> None:
    text = "Befolkningen den 1. i kvartalet\n;;2024K1\nRingkøbing-Skjern;Mænd;28000\n"
    path = write(tmp_path, "folk1a.csv", text, "latin-1")
    assert problems_of([path]) == [
        f"{path}: this is not FLY66: expected a column of to-municipalities ('Til Herning') "
        f"and one of from-municipalities ('Fra Herning'). {LAYOUTS}"
    ]


def test_it_says_when_a_download_has_no_year(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", "Til Herning;Fra Holstebro;15\n")
    assert problems_of([path]) == [
        f"{path}: no year: expected a column of years (2024) or a line of years above the "
        f"values. {LAYOUTS}"
    ]


def test_it_names_a_line_with_the_wrong_number_of_values(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", API_CODES.replace("657;760;2024;90", "657;760;90"))
    assert problems_of([path]) == [
        f"{path}, row 3: expected 4 values separated by ';' as in the header, found 3"
    ]


def test_it_reports_empty_missing_and_binary_files_together(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.csv", "\n\n")
    binary = tmp_path / "book.xlsx.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    missing = tmp_path / "missing.csv"
    assert problems_of([empty, binary, missing]) == [
        f"{missing}: file not found",
        f"{empty}: the file is empty: expected StatBank FLY66 data",
        f"{binary}: not a text file: expected StatBank FLY66 data (CSV)",
    ]


def test_it_shows_a_few_problems_per_column_and_counts_the_rest(tmp_path: Path) -> None:
    text = "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n" + "657;661;2024;x\n" * 8
    path = write(tmp_path, "fly66.csv", text)
    problems = problems_of([path])
    assert len(problems) == 6
    assert problems[-1] == f"{path}, column INDHOLD: 3 more problems like these"


def run_cli(argv: list[str], err: io.StringIO | None = None) -> str:
    parser = argparse.ArgumentParser(prog="samskab facts")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    out = io.StringIO()
    assert args.handler(args, stdout=out, stderr=err or io.StringIO()) == 0
    return out.getvalue()


def balance_args(path: Path, *extra: str) -> list[str]:
    return [
        "municipality-balance",
        "--statbank",
        str(path),
        "--from",
        "2024",
        "--to",
        "2024",
        *extra,
    ]


def test_the_command_prints_plain_csv_and_what_it_read_on_stderr(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", WEB_NO_HEADER, "latin-1")
    err = io.StringIO()
    out = run_cli(balance_args(path, "--format", "csv"), err)
    assert out == (
        "municipality_code,municipality,moves_in,moves_out,net\n"
        "657,Herning,105,145,-40\n"
        "661,Holstebro,55,55,0\n"
        "760,Ringkøbing-Skjern,160,120,40\n"
    )
    assert err.getvalue() == (
        "Read 1 file: 6 lines, 6 observations, 320 moves, year 2024, 3 municipalities.\n"
        f"  {path}: a download with the labels in 3 columns and one count a line; 6 lines, "
        "6 observations, 320 moves\n"
        "Moves between municipalities in 2024-2024: 320.\n"
    )


def test_the_command_prints_a_table_and_what_it_read_on_stderr(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", WEB_PIVOT, "latin-1")
    err = io.StringIO()
    out = run_cli(balance_args(path), err)
    assert "Ringkøbing-Skjern" in out and "Read 1 file" not in out
    assert err.getvalue().startswith(
        "Read 1 file: 6 lines, 12 observations, 1,736 moves, years 2023-2024, 3 municipalities."
    )


def test_the_command_prints_json_with_what_it_read_for_one_municipality(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", BULK)
    err = io.StringIO()
    out = run_cli(
        balance_args(path, "--municipality", "Ringkøbing-Skjern", "--format", "json"), err
    )
    assert err.getvalue() == ""
    assert json.loads(out) == {
        "files": [{"file": str(path), "layout": "the API's CSV or BULK, one count a line",
                   "lines": 9, "observations": 9, "moves": 320}],
        "lines": 9, "observations": 9, "moves": 320, "years": [2024], "municipalities": 3,
        "period": {"first_year": 2024, "last_year": 2024, "moves_between_municipalities": 320},
        "balance": [{"municipality_code": 760, "municipality": "Ringkøbing-Skjern",
                     "moves_in": 160, "moves_out": 120, "net": 40}],
    }  # fmt: skip


def test_the_command_prints_a_table_by_default(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", API_CODES)
    out = run_cli(balance_args(path))
    assert "Ringkøbing-Skjern" in out and "moves_out" in out and "-40" in out


def test_the_command_raises_for_an_unknown_municipality(tmp_path: Path) -> None:
    path = write(tmp_path, "fly66.csv", API_CODES)
    with pytest.raises(FactsError, match="--municipality Atlantis: not a Danish municipality"):
        run_cli(balance_args(path, "--municipality", "Atlantis"))


@pytest.mark.parametrize(
    ("cpr", "encoding"),
    [("120388-2231", "utf-8"), ("120388 2231", "latin-1"), ("120388–2231", "utf-8"),
     ("1203882231", "utf-8"), ("809871234", "utf-8")],
)  # fmt: skip
def test_a_cpr_number_refuses_a_statbank_file_without_being_quoted(
    tmp_path: Path, cpr: str, encoding: str
) -> None:
    # In a label, and in place of a count (Excel's number, its leading zero lost, too).
    text = WEB_NO_HEADER.replace("Fra Holstebro;2024;15", f"Fra Holstebro {cpr};2024;15")
    text = text.replace("Fra Herning;2024;120", f"Fra Herning;2024;{cpr}")
    path = write(tmp_path, "fly66.csv", text, encoding)
    problems = problems_of([path])
    stated = "holds a value shaped like a CPR number (DDMMYY-XXXX); a StatBank table holds only"
    # Nine digits are a CPR number only as a whole value (facts.cpr): not inside a label.
    in_label = [f"{path}, row 1, column 2"] if len(cpr) > 9 else []
    assert [p.split(":")[0] for p in problems] == [*in_label, f"{path}, row 5, column 4"]
    assert all(stated in p for p in problems) and not any(cpr in p for p in problems)


def test_a_count_of_nine_digits_that_is_no_date_is_read(tmp_path: Path) -> None:
    # 999,999,999 moves: not a CPR number (no day 99), so the file is read as it is.
    path = write(tmp_path, "fly66.csv", WEB_NO_HEADER.replace(";2024;15", ";2024;999999999"))
    assert int(read_fly66([path])["moves"].sum()) == 999_999_999 + 90 + 25 + 30 + 120 + 40
