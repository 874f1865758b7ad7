"""`samskab segments fit|profile|codebook|assign` on the demo movers' survey."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from samskab.segments.demo_survey import simulate_survey, write_demo_survey

FIT_KEYS = {"classes", "log_likelihood", "bic", "aic", "relative_entropy", "sizes"}


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the demo survey's CSV (default seed)."""
    return write_demo_survey(tmp_path_factory.mktemp("survey") / "survey.csv")


@pytest.fixture(scope="module")
def items() -> str:
    return ",".join(simulate_survey(10).segmenting_items)


def test_fit_prints_the_contracts_json_for_one_k(
    survey: Path, items: str, cli: Callable[..., Any]
) -> None:
    result = cli("segments", "fit", "--survey", survey, "--items", items, "--classes", "4",
                 "--seed", "3", "--starts", "2", "--format", "json")  # fmt: skip
    assert result.status == 0, result.err
    fit = json.loads(result.out)
    assert set(fit) >= FIT_KEYS
    assert fit["classes"] == 4 and fit["n_respondents"] == 1500
    assert fit["sizes"] == sorted(fit["sizes"], reverse=True) and sum(
        fit["sizes"]
    ) == pytest.approx(1, abs=1e-3)
    assert fit["n_parameters"] == 3 + 4 * (
        22 * 4 + 5 + 4
    )  # 22 five-point items, 6 triggers, 1 five-point
    assert fit["bic"] == pytest.approx(
        -2 * fit["log_likelihood"] + fit["n_parameters"] * 7.313220387, abs=1e-3
    )


def test_fit_prints_one_object_per_k_for_a_range_with_stability(
    survey: Path, items: str, cli: Callable[..., Any]
) -> None:
    result = cli("segments", "fit", "--survey", survey, "--items", items, "--classes", "2-3",
                 "--starts", "2", "--bootstrap", "3", "--format", "json")  # fmt: skip
    fits = json.loads(result.out)
    assert [f["classes"] for f in fits] == [2, 3]
    assert all(set(f) >= FIT_KEYS for f in fits)
    assert sum(f["recommended"] for f in fits) == 1
    assert sum(f["alternative"] for f in fits) <= 1
    assert "BIC" in next(f["reason"] for f in fits if f["recommended"])
    for fit in fits:
        stability = fit["stability"]
        assert stability["resamples"] == 3 and len(stability["jaccard"]) == fit["classes"]
        assert 0 < stability["ari_median"] <= 1 and stability["jaccard_min"] == min(
            stability["jaccard"]
        )
        assert fit["left_out"] is None or "K=" not in fit["left_out"]
    table = cli("segments", "fit", "--survey", survey, "--items", items, "--classes", "2",
                "--starts", "1", "--bootstrap", "0")  # fmt: skip
    assert table.status == 0 and "Recommended: K=2" in table.out and "jaccard" not in table.out


def test_the_recommendation_and_the_problems_follow_a_danish_locale(
    survey: Path, items: str, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    table = cli("segments", "fit", "--survey", survey, "--items", items, "--classes", "2",
                "--starts", "1", "--bootstrap", "0")  # fmt: skip
    assert table.status == 0 and "Recommended: K=2 har den laveste BIC (" in table.out
    refused = cli("segments", "fit", "--survey", survey, "--items", "nowhere", "--classes", "2")
    assert refused.status == 2
    assert refused.err.startswith(f"samskab: {survey}, kolonne nowhere: ingen sådan kolonne")


def test_names_are_kept_in_the_saved_model_and_used_by_assign_and_profile(
    survey: Path, items: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    names = "Familier,Unge,Seniorer,Jobflyttere"
    first = cli("segments", "profile", "--survey", survey, "--items", items, "--classes", "4",
                "--starts", "2", "--names", names, "--out", tmp_path, "--format", "csv")  # fmt: skip
    assert first.status == 0, first.err
    model = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert model["names"] == names.split(",") and model["weights"] is None
    assigned = cli("segments", "assign", "--model", tmp_path / "model.json", "--survey", survey)
    frame = pd.read_csv(pd.io.common.StringIO(assigned.out))
    assert frame.columns.tolist()[:3] == ["row", "segment", "name"]
    assert set(frame["name"]) == set(names.split(","))
    again = cli("segments", "profile", "--survey", survey, "--model", tmp_path / "model.json",
                "--format", "json")  # fmt: skip
    segments = json.loads(again.out)["segments"]
    assert [s["name"] for s in segments] == names.split(",")
    wrong = cli("segments", "profile", "--survey", survey, "--model", tmp_path / "model.json",
                "--names", "a,b")  # fmt: skip
    assert wrong.status == 2 and "2 segment names given for 4 segments" in wrong.err
    neither = cli("segments", "profile", "--survey", survey)
    assert neither.status == 2 and "--model FILE, or --items" in neither.err


def test_profile_suppresses_small_cells(survey: Path, items: str, cli: Callable[..., Any]) -> None:
    result = cli("segments", "profile", "--survey", survey, "--items", items, "--classes", "3",
                 "--starts", "2", "--describe", "town", "--suppress-below", "30",
                 "--format", "json")  # fmt: skip
    assert result.status == 0, result.err
    rows = json.loads(result.out)["profile"]
    hidden = [r for r in rows if r["count"] in ("<30", "..")]
    shown = [r for r in rows if r["count"] not in ("<30", "..")]
    assert hidden and shown
    assert any(r["count"] == ".." for r in hidden)  # complements, so "<30" cannot be worked out
    assert all(r["segment_value"] is None and r["index"] is None for r in hidden)
    assert all(r["p_adjusted"] is None and not r["notable"] for r in hidden)
    # A zero reveals nobody and is shown, as in the fact base.
    assert all(isinstance(r["count"], int) and (r["count"] >= 30 or r["count"] == 0) for r in shown)


def test_profile_writes_tables_and_descriptions(
    survey: Path, items: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("segments", "profile", "--survey", survey, "--items", items, "--classes", "4",
                 "--starts", "3", "--describe", "mover,age,household,town", "--out", tmp_path,
                 "--format", "json")  # fmt: skip
    assert result.status == 0, result.err
    document = json.loads(result.out)
    assert [s["segment"] for s in document["segments"]] == [1, 2, 3, 4]
    assert all("af de adspurgte" in s["description_da"] for s in document["segments"])
    table = pd.read_csv(tmp_path / "profile.csv")
    assert set(table["item"]) == {*items.split(","), "mover", "age", "household", "town"}
    assert {"index", "p_adjusted", "notable"} <= set(table.columns)
    assigned = pd.read_csv(tmp_path / "assignments.csv")
    assert assigned.columns.tolist() == ["row", "segment", "p1", "p2", "p3", "p4"]
    assert assigned["row"].iloc[0] == 2
    again = cli("segments", "assign", "--model", tmp_path / "model.json", "--survey", survey)
    assert again.status == 0
    assert (
        pd.read_csv(pd.io.common.StringIO(again.out))["segment"].tolist()
        == assigned["segment"].tolist()
    )


def test_codebook_prints_editable_json(survey: Path, cli: Callable[..., Any]) -> None:
    result = cli("segments", "codebook", "--survey", survey)
    book = {item["name"]: item for item in json.loads(result.out)["items"]}
    assert book["imp_housing"]["labels"]["5"] == "Meget vigtigt"
    assert book["imp_housing"]["kind"] == "ordinal"
    # "What made you move": numbered reasons, not a scale.
    assert book["trigger"]["kind"] == "categorical" and book["trigger"]["role"] == "segmenting"
    assert book["age"]["kind"] == "numeric" and book["town"]["kind"] == "categorical"


def test_a_nominal_item_is_profiled_by_its_shares_never_a_mean(
    survey: Path, items: str, cli: Callable[..., Any]
) -> None:
    result = cli("segments", "profile", "--survey", survey, "--items", items, "--classes", "4",
                 "--format", "json")  # fmt: skip
    assert result.status == 0, result.err
    document = json.loads(result.out)
    trigger = [row for row in document["profile"] if row["item"] == "trigger"]
    assert {row["statistic"] for row in trigger} == {"share"}
    assert {row["category"] for row in trigger} >= {"Job", "Uddannelse", "Natur og ro"}
    housing = [row for row in document["profile"] if row["item"] == "imp_housing"]
    assert {row["statistic"] for row in housing} == {"mean", "share"}  # a scale has a mean
    for segment in document["segments"]:
        assert "average on 'trigger'" not in segment["description_en"]
        assert "gennemsnittet på 'trigger'" not in segment["description_da"]
    # What moved the job movers is said as a share of them.
    assert any("answer 'Job' to 'trigger'" in s["description_en"] for s in document["segments"])


def test_fit_reports_the_search_and_keeps_precise_as_an_alias(
    survey: Path, items: str, cli: Callable[..., Any]
) -> None:
    plain = cli("segments", "fit", "--survey", survey, "--items", items, "--classes", "3",
                "--bootstrap", "0", "--format", "json")  # fmt: skip
    precise = cli("segments", "fit", "--survey", survey, "--items", items, "--classes", "3",
                  "--bootstrap", "0", "--format", "json", "--precise")  # fmt: skip
    assert plain.status == precise.status == 0, plain.err
    fit = json.loads(plain.out)
    assert fit == json.loads(precise.out)
    assert fit["starts"] == 120 and fit["replicated"] >= 2 and fit["converged"]
    assert fit["reason_messages"][0]["code"] == "lowest_bic"
    assert fit["reason"].startswith("K=3 has the lowest BIC")


def test_codebook_as_csv_for_a_spreadsheet_is_read_back(
    survey: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("segments", "codebook", "--survey", survey, "--format", "csv")
    lines = result.out.splitlines()
    assert lines[0] == "name,kind,role,question,code,label,missing"
    assert "imp_housing,ordinal,segmenting,,1,Meget uvigtigt," in lines
    assert "imp_housing,,,,2,Uvigtigt," in lines
    edited = tmp_path / "codebook.csv"
    edited.write_text(result.out.replace("age,numeric", "age,text"), encoding="utf-8")
    again = cli("segments", "codebook", "--survey", survey, "--codebook", edited)
    book = {item["name"]: item for item in json.loads(again.out)["items"]}
    assert book["age"]["kind"] == "text" and book["imp_housing"]["labels"]["5"] == "Meget vigtigt"
