"""Surveys from SPSS (.sav with value labels) and Excel (a data sheet plus a labels sheet, as
survey tools export them) read the same as a CSV of labelled answers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from samskab.segments.codebook import read_codebook
from samskab.segments.survey import read_survey

CODES = {
    "housing": [1, 2, 4, 4, np.nan, 1],
    "town": [1, 2, 2, 1, 1, 2],
    "age": [34, 61, 25, 40, 38, 29],
}
HOUSING = {1: "Meget vigtigt", 2: "Vigtigt", 3: "Uvigtigt", 4: "Slet ikke vigtigt"}
TOWN = {1: "Herning", 2: "Holstebro"}


def test_spss_value_labels_measures_and_question_texts(tmp_path: Path) -> None:
    path = tmp_path / "survey.sav"
    pyreadstat.write_sav(
        pd.DataFrame(CODES),
        str(path),
        column_labels=["Hvor vigtig var boligen?", "Hvorfra flyttede du?", "Alder"],
        variable_value_labels={"housing": HOUSING, "town": TOWN},
        variable_measure={"housing": "ordinal", "town": "nominal", "age": "scale"},
    )
    survey = read_survey(path)
    housing, town = survey.codebook["housing"], survey.codebook["town"]
    assert (housing.kind, town.kind, survey.codebook["age"].kind) == (
        "ordinal",
        "categorical",
        "numeric",
    )
    assert housing.labels == HOUSING and town.labels == TOWN
    assert housing.question == "Hvor vigtig var boligen?"
    assert survey.answers["housing"].isna().tolist() == [False] * 4 + [True, False]
    assert survey.row_of(0) == 1  # SPSS numbers cases from 1


def test_excel_data_sheet_with_a_labels_sheet(tmp_path: Path) -> None:
    path = tmp_path / "surveyxact.xlsx"
    labels = pd.DataFrame(
        {
            "Variable": ["housing", None, None, None, "town", None],
            "Question": ["Hvor vigtig var boligen?", None, None, None, "Hvorfra?", None],
            "Value": [1, 2, 3, 4, 1, 2],
            "Label": [*HOUSING.values(), *TOWN.values()],
        }
    )
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame(CODES).to_excel(writer, sheet_name="Dataset", index=False)
        labels.to_excel(writer, sheet_name="Labels", index=False)
    survey = read_survey(path)
    assert survey.codebook["housing"].labels == HOUSING
    assert survey.codebook["housing"].question == "Hvor vigtig var boligen?"
    assert survey.codebook["town"].labels == TOWN
    assert survey.answers["housing"].tolist()[:4] == [1, 2, 4, 4]
    assert survey.row_of(0) == 2


def test_excel_cells_with_labelled_answers(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    frame = pd.DataFrame({"housing": ["1 Meget vigtigt", "2 Vigtigt", None, "1 Meget vigtigt"]})
    frame.to_excel(path, index=False)
    survey = read_survey(path)
    assert survey.codebook["housing"].labels == {1: "Meget vigtigt", 2: "Vigtigt"}
    assert survey.answers["housing"].tolist()[:2] == [1, 2]


def test_semicolons_and_text_answers_in_csv(tmp_path: Path) -> None:
    path = tmp_path / "danish.csv"
    path.write_text(
        "by;tilfreds;score\nHerning;1 Ja;3,5\nVarde;2 Nej;4\nHerning;Ved ikke;\n", encoding="cp1252"
    )
    survey = read_survey(path)
    assert survey.codebook["by"].labels == {1: "Herning", 2: "Varde"}
    # "Ved ikke" beside coded answers becomes one more category.
    assert survey.codebook["tilfreds"].labels == {1: "Ja", 2: "Nej", 3: "Ved ikke"}
    assert survey.answers["score"].tolist()[:2] == [3.5, 4.0]


def test_an_edited_codebook_is_read_back_and_used(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("q\n1 Ja\n2 Nej\n9 Ved ikke\n", encoding="utf-8")
    survey = read_survey(path)
    edited = survey.codebook.to_json().replace('"missing": []', '"missing": [9]')
    book = tmp_path / "codebook.json"
    book.write_text(edited.replace('"ordinal"', '"categorical"'), encoding="utf-8")
    again = read_survey(path, read_codebook(book))
    assert again.codebook["q"].kind == "categorical"
    assert again.answers["q"].isna().tolist() == [False, False, True]


def test_a_saved_model_assigns_new_respondents(tmp_path: Path) -> None:
    from samskab.segments.demo_survey import write_demo_survey
    from samskab.segments.segmentation import (
        SavedModel,
        assign,
        load_model,
        save_model,
        segment_survey,
    )

    survey = read_survey(write_demo_survey(tmp_path / "survey.csv", seed=7))
    items = survey.codebook.names()[5:]
    model = segment_survey(survey, items, [3], starts=2).model(3)
    names = ("Familier", "Unge", "Seniorer")
    save_model(SavedModel(model, survey.codebook.with_roles(items), names), tmp_path / "model.json")
    saved = load_model(tmp_path / "model.json")
    loaded, codebook = saved.model, saved.codebook
    assert saved.names == names and saved.weights is None and saved.name(2) == "Unge"
    assert codebook["imp_housing"].role == "segmenting" and codebook["age"].role == "descriptive"
    newcomers = read_survey(write_demo_survey(tmp_path / "new.csv", seed=8), codebook)
    assigned = assign(loaded, newcomers)
    assert assigned.columns.tolist() == ["segment", "p1", "p2", "p3"]
    assert np.allclose(assigned[["p1", "p2", "p3"]].sum(axis=1), 1)
    assert assign(model, newcomers).equals(assigned)
    assert loaded.log_likelihood == pytest.approx(model.log_likelihood)


OLD_MODEL = {  # a model.json as versions fitting with StepMix wrote it
    "format": "samskab-segments-model/1",
    "items": ["q1", "q2"],
    "levels": [[1.0, 2.0], [1.0, 2.0]],
    "shares": [0.6, 0.4],
    "probabilities": [[[0.9, 0.1], [0.2, 0.8]], [[0.8, 0.2], [0.1, 0.9]]],
    "names": ["Ja-siger", "Nej-siger"],
    "weights": None,
    "fit": {
        "log_likelihood": -50.5,
        "n_parameters": 5,
        "stepmix_n_parameters": 5,
        "n_respondents": 40,
        "relative_entropy": 0.7,
        "converged": True,
        "seed": 1,
        "starts": 10,
    },
    "codebook": {
        "items": [
            {"name": "q1", "kind": "categorical", "role": "segmenting",
             "labels": {"1": "Ja", "2": "Nej"}},
            {"name": "q2", "kind": "categorical", "role": "segmenting",
             "labels": {"1": "Ja", "2": "Nej"}},
        ]
    },
}  # fmt: skip


def test_models_saved_before_and_now_read_both_ways(tmp_path: Path) -> None:
    import json

    from samskab.segments.segmentation import assign, load_model, save_model

    old = tmp_path / "old.json"
    old.write_text(json.dumps(OLD_MODEL), encoding="utf-8")
    saved = load_model(old)
    assert saved.model.n_parameters == 5 and saved.names == ("Ja-siger", "Nej-siger")
    path = tmp_path / "s.csv"
    path.write_text("q1,q2\n1 Ja,1 Ja\n2 Nej,2 Nej\n", encoding="utf-8")
    survey = read_survey(path, saved.codebook)
    assert assign(saved.model, survey)["segment"].tolist() == [1, 2]
    # A model saved now keeps "fit" as earlier versions read it (they take its keys as they
    # are), and says how the maximum was searched for beside it.
    save_model(saved, tmp_path / "new.json")
    document = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert set(document["fit"]) == set(OLD_MODEL["fit"])
    assert set(document["search"]) == {"finalists", "replicated", "patterns"}
    assert load_model(tmp_path / "new.json").model.log_likelihood == -50.5
