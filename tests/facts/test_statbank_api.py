"""The StatBank API client: requests as documented at api.statbank.dk, answers, never the network.

The `tableinfo` answers below have the shape of the API's JSON (id, text, unit, updated,
variables with id, text, elimination, time and values of id and text); the data answers are its
semicolon-separated CSV with the variable codes and INDHOLD as header.
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from samskab.facts.errors import FactsError
from samskab.facts.statbank import municipality_balance, read_fly66
from samskab.facts.statbank_api import (
    data_request,
    data_url,
    fetch_fact_base,
    http_post,
    parse_tableinfo,
    tableinfo_request,
)

YEARS = ["2022", "2023", "2024"]
QUARTERS = [f"{y}K{q}" for y in YEARS for q in range(1, 5)]
MUNICIPALITIES = [("657", "Herning"), ("661", "Holstebro"), ("760", "Ringkøbing-Skjern")]


def variable(code: str, values: list[tuple[str, str]], *, elimination: bool = True,
             time: bool = False) -> dict[str, Any]:  # fmt: skip
    listed = [{"id": i, "text": t} for i, t in values]
    return {"id": code, "text": code.lower(), "elimination": elimination, "time": time,
            "values": listed}  # fmt: skip


def tableinfo(table: str, variables: list[dict[str, Any]]) -> bytes:
    info = {
        "id": table, "text": f"{table} text", "description": f"{table} by ...", "unit": "antal",
        "suppressedDataValue": "0", "updated": "2025-02-11T08:00:00", "active": True,
        "contacts": [], "documentation": None, "footnote": None, "variables": variables,
    }  # fmt: skip
    return json.dumps(info, ensure_ascii=False).encode("utf-8")


def years(values: list[str]) -> dict[str, Any]:
    return variable("Tid", [(v, v) for v in values], elimination=False, time=True)


TABLEINFO = {
    "FLY66": tableinfo("FLY66", [
        variable("TILKOMMUNE", MUNICIPALITIES), variable("FRAKOMMUNE", MUNICIPALITIES),
        variable("ALDER", [("0", "0 år"), ("1", "1 år")]),
        variable("KØN", [("1", "Mænd"), ("2", "Kvinder")]), years(YEARS),
    ]),
    "BEV107": tableinfo("BEV107", [
        variable("OMRÅDE", [("000", "Hele landet"), *MUNICIPALITIES]),
        variable("BEVÆGELSE", [("B05", "Tilflyttede"), ("B06", "Fraflyttede")],
                 elimination=False),
        variable("KØN", [("M", "Mænd"), ("K", "Kvinder")]), years(YEARS),
    ]),
    "FOLK1A": tableinfo("FOLK1A", [
        variable("OMRÅDE", [("000", "Hele landet"), *MUNICIPALITIES]),
        variable("KØN", [("1", "Mænd"), ("2", "Kvinder")]), years(QUARTERS),
    ]),
    "KM1": tableinfo("KM1", [
        variable("SOGN", [("7002", "7002 Hellevad"), ("7284", "7284 Ringkøbing")]),
        variable("FKMED", [("F", "Medlem"), ("U", "Ikke medlem")]), years(QUARTERS),
    ]),
}  # fmt: skip

# Moves into 760 (first request) and out of it (second request), as codes, 2024 only.
FLY66_ANSWERS = [
    "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2024;120\n760;661;2024;40\n760;760;2024;0\n",
    "\ufeffTILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n657;760;2024;90\n661;760;2024;30\n",
]


class FakeStatBank:
    """Answers like api.statbank.dk and remembers every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.fly66 = list(FLY66_ANSWERS)

    def __call__(self, url: str, body: Mapping[str, Any]) -> bytes:
        self.requests.append((url, dict(body)))
        table = str(body["table"])
        if url.endswith("/tableinfo"):
            return TABLEINFO[table]
        if table == "FLY66":
            return self.fly66.pop(0).encode("utf-8")
        codes = [v["code"] for v in body["variables"]]
        return (";".join([*(c.upper() for c in codes), "INDHOLD"]) + "\n").encode("utf-8")

    def data_bodies(self, table: str) -> list[dict[str, list[str]]]:
        return [
            {v["code"]: v["values"] for v in body["variables"]}
            for url, body in self.requests
            if url.endswith("/data") and body["table"] == table
        ]


def test_a_tableinfo_request_posts_the_table_format_and_language() -> None:
    assert tableinfo_request("FLY66", lang="en") == (
        "https://api.statbank.dk/v1/tableinfo",
        {"table": "FLY66", "format": "JSON", "lang": "en"},
    )


def test_a_data_request_names_variables_by_code_and_asks_for_codes() -> None:
    url, body = data_request("FLY66", {"TILKOMMUNE": ["760"], "Tid": ["2023", "2024"]},
                             fmt="BULK")  # fmt: skip
    assert url == "https://api.statbank.dk/v1/data"
    assert body == {
        "table": "FLY66", "format": "BULK", "lang": "da", "valuePresentation": "Code",
        "variables": [{"code": "TILKOMMUNE", "values": ["760"]},
                      {"code": "Tid", "values": ["2023", "2024"]}],
    }  # fmt: skip


def test_a_data_url_is_the_documented_get_form_with_wildcards() -> None:
    url = data_url("FLY66", {"TILKOMMUNE": ["760"], "FRAKOMMUNE": ["*"], "KØN": ["1", "2"]})
    assert url == (
        "https://api.statbank.dk/v1/data/FLY66/CSV?lang=da&valuePresentation=Code"
        "&TILKOMMUNE=760&FRAKOMMUNE=*&K%C3%98N=1,2"
    )


def test_a_data_request_refuses_formats_the_reader_cannot_read() -> None:
    with pytest.raises(FactsError, match="unsupported StatBank format 'PNG': use one of CSV, BULK"):
        data_request("FLY66", {}, fmt="PNG")
    with pytest.raises(FactsError, match="unknown valuePresentation 'Labels'"):
        data_url("FLY66", {}, value_presentation="Labels")


def test_it_parses_variables_and_values_from_tableinfo() -> None:
    info = parse_tableinfo(TABLEINFO["BEV107"])
    assert (info.id, info.unit, info.updated) == ("BEV107", "antal", "2025-02-11T08:00:00")
    assert [v.id for v in info.variables] == ["OMRÅDE", "BEVÆGELSE", "KØN", "Tid"]
    movement = info.variable("bevægelse")
    assert (movement.elimination, movement.values[0].id, movement.values[0].text) == (
        False, "B05", "Tilflyttede",
    )  # fmt: skip
    assert info.time_variable().values[-1].id == "2024"


def test_it_says_when_tableinfo_is_not_what_statbank_sends() -> None:
    with pytest.raises(FactsError, match="tableinfo answer could not be read"):
        parse_tableinfo(b'{"id": "FLY66"}')
    with pytest.raises(FactsError, match="has no variable SOGN; it has OMRÅDE, BEVÆGELSE"):
        parse_tableinfo(TABLEINFO["BEV107"]).variable("SOGN")


def test_it_fetches_the_fact_base_into_one_file_per_table(tmp_path: Path) -> None:
    fake = FakeStatBank()
    paths = fetch_fact_base(760, 2023, 2024, tmp_path / "out", get=fake)
    assert [p.name for p in paths] == [
        "FLY66_760_2023-2024.csv", "BEV107_760_2023-2024.csv", "FOLK1A_760_2023-2024.csv",
        "KM1_760_2023-2024.csv",
    ]  # fmt: skip
    assert all(p.exists() for p in paths)


def test_it_asks_fly66_for_moves_into_and_out_of_the_municipality(tmp_path: Path) -> None:
    fake = FakeStatBank()
    fetch_fact_base(760, 2023, 2024, tmp_path, get=fake)
    assert fake.data_bodies("FLY66") == [
        {"Tid": ["2023", "2024"], "TILKOMMUNE": ["760"], "FRAKOMMUNE": ["*"]},
        {"Tid": ["2023", "2024"], "TILKOMMUNE": ["657", "661"], "FRAKOMMUNE": ["760"]},
    ]


def test_it_leaves_summable_variables_out_and_takes_the_others_whole(tmp_path: Path) -> None:
    fake = FakeStatBank()
    fetch_fact_base(760, 2024, 2024, tmp_path, get=fake)
    # KØN is left out (StatBank sums it); BEVÆGELSE cannot be summed and SOGN is wanted whole.
    assert fake.data_bodies("BEV107") == [{"Tid": ["2024"], "BEVÆGELSE": ["*"], "OMRÅDE": ["760"]}]
    assert fake.data_bodies("FOLK1A") == [
        {"Tid": ["2024K1", "2024K2", "2024K3", "2024K4"], "OMRÅDE": ["760"]}
    ]
    assert fake.data_bodies("KM1") == [
        {"Tid": ["2024K1", "2024K2", "2024K3", "2024K4"], "SOGN": ["*"]}
    ]
    formats = {(b["format"], b["valuePresentation"]) for u, b in fake.requests if "data" in u}
    assert formats == {("CSV", "Code")}


def test_the_fetched_fly66_file_gives_the_municipality_balance(tmp_path: Path) -> None:
    fly66_path = fetch_fact_base(760, 2024, 2024, tmp_path, get=FakeStatBank())[0]
    assert fly66_path.read_text(encoding="utf-8").count("TILKOMMUNE") == 1
    balance = municipality_balance(read_fly66([fly66_path]), first_year=2024, last_year=2024,
                                   municipality=760)  # fmt: skip
    # in 120 + 40, out 90 + 30
    assert balance.iloc[0].tolist() == [760, "Ringkøbing-Skjern", 160, 120, 40]


def test_it_says_when_statbank_has_no_data_for_the_period(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match="FLY66 has no data for 2010-2012; it covers 2022-2024"):
        fetch_fact_base(760, 2010, 2012, tmp_path, get=FakeStatBank())


def test_it_refuses_an_unknown_municipality_before_asking_statbank(tmp_path: Path) -> None:
    fake = FakeStatBank()
    with pytest.raises(FactsError, match="999 is not a Danish municipality code"):
        fetch_fact_base(999, 2024, 2024, tmp_path, get=fake)
    assert fake.requests == []


def test_it_passes_on_statbanks_error_message_instead_of_csv(tmp_path: Path) -> None:
    fake = FakeStatBank()
    fake.fly66 = ['{"errorTypeCode": "EXTRACT-TOO-LARGE", "message": "Udtrækket er for stort"}']
    with pytest.raises(FactsError, match="did not send FLY66 as CSV: Udtrækket er for stort"):
        fetch_fact_base(760, 2024, 2024, tmp_path, get=fake)


def test_offline_the_client_says_statbank_cannot_be_reached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def offline(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(FactsError, match=r"could not reach StatBank at .*Check the internet"):
        http_post("https://api.statbank.dk/v1/tableinfo", {"table": "FLY66"})


def test_an_http_error_shows_statbanks_message(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = b'{"errorTypeCode": "TABLE-NOT-FOUND", "message": "Tabellen FLY99 findes ikke"}'

    def refused(request: urllib.request.Request, timeout: float) -> None:
        assert timeout == 60.0 and request.get_method() == "POST"
        raise urllib.error.HTTPError(request.full_url, 400, "Bad Request", {}, io.BytesIO(answer))  # type: ignore[arg-type]

    monkeypatch.setattr(urllib.request, "urlopen", refused)
    with pytest.raises(FactsError, match=r"\(HTTP 400\): Tabellen FLY99 findes ikke"):
        http_post("https://api.statbank.dk/v1/tableinfo", {"table": "FLY99"})


def test_a_folder_from_fetch_statbank_is_read_for_its_fly66_files(tmp_path):
    from samskab.facts.statbank import read_fly66

    (tmp_path / "FLY66_760_2024.csv").write_text(
        "TILKOMMUNE;FRAKOMMUNE;TID;INDHOLD\n760;657;2024;12\n", encoding="utf-8"
    )
    (tmp_path / "BEV107_760_2024.csv").write_text("OMRÅDE;BEVÆGELSE;TID;INDHOLD\n760;B;2024;5\n")
    frame = read_fly66([tmp_path])
    assert frame.values.tolist() == [[2024, 760, 657, 12]]
