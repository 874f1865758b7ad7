"""The whole pipeline on a real survey: poLCA's 2000 American National Election Study data,
with labelled answers and missing values. The default fit reaches poLCA's published
log-likelihoods. Vote and party are not used to form the classes, so their relation to the
classes is evidence that the classes are real."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from samskab.segments.describe import describe
from samskab.segments.profiles import profile
from samskab.segments.segmentation import Segmentation, assign, segment_survey
from samskab.segments.survey import Survey, read_survey

pytestmark = pytest.mark.shared
ELECTION_ITEMS = ["MORALG", "CARESG", "KNOWG", "LEADG", "DISHONG", "INTELG",
                  "MORALB", "CARESB", "KNOWB", "LEADB", "DISHONB", "INTELB"]  # fmt: skip
# poLCA's election help page: `poLCA(f, election, nclass=K)` on the 1,311 respondents who rated
# all twelve (poLCA leaves out the others by default, na.rm=TRUE).
PUBLISHED = {1: -18647.31, 2: -17344.92, 3: -16714.66}


@pytest.fixture(scope="module")
def election(polca: Any) -> tuple[Survey, Segmentation]:
    survey = read_survey(polca("election.csv"))
    return survey, segment_survey(survey, ELECTION_ITEMS, [2, 3, 4])


def test_the_default_fit_reaches_the_published_log_likelihoods(polca: Any) -> None:
    survey = read_survey(polca("election.csv"))
    complete = survey.answers.dropna(subset=ELECTION_ITEMS).reset_index(drop=True)
    assert len(complete) == 1311
    rated_all = replace(survey, answers=complete)
    result = segment_survey(rated_all, ELECTION_ITEMS, [1, 2, 3])
    reached = {model.classes: model.log_likelihood for model in result.models}
    assert reached == pytest.approx(PUBLISHED, abs=0.01)
    assert all(model.converged for model in result.models)


def test_labelled_answers_become_codes_and_na_missing(
    election: tuple[Survey, Segmentation],
) -> None:
    survey, _ = election
    item = survey.codebook["MORALG"]
    assert item.kind == "ordinal" and item.role == "segmenting"
    assert item.labels == {
        1: "Extremely well",
        2: "Quite well",
        3: "Not too well",
        4: "Not well at all",
    }
    assert survey.answers["MORALG"].iloc[:2].tolist() == [3, 4]
    assert survey.answers["MORALB"].isna().sum() > 0
    assert survey.codebook["AGE"].kind == "numeric"


def test_k_selection_reports_every_k(election: tuple[Survey, Segmentation]) -> None:
    _, result = election
    assert [m.classes for m in result.models] == [2, 3, 4]
    bics = [m.bic for m in result.models]
    assert bics == sorted(bics, reverse=True)  # more classes fit these data better
    assert result.recommended == 4 and "largest K tried" in result.reason
    for model in result.models:
        assert list(model.shares) == sorted(model.shares, reverse=True)
        assert model.n_parameters == model.classes - 1 + model.classes * 12 * 3
        assert model.converged and model.replicated > 1
        assert 0.7 < model.relative_entropy < 0.95


def test_classes_relate_to_vote_and_party_not_used_to_form_them(
    election: tuple[Survey, Segmentation],
) -> None:
    survey, result = election
    segment = assign(result.model(3), survey)["segment"]
    for outside in ("VOTE3", "PARTY"):
        table = pd.crosstab(segment, survey.answers[outside])
        chi2, p, _, _ = chi2_contingency(table)
        assert p < 0.001, (outside, chi2)
    votes = pd.crosstab(segment, survey.answers["VOTE3"], normalize="index")
    # Each two-candidate-rating class leans to one candidate.
    assert votes[1.0].max() > 0.8 and votes[2.0].max() > 0.8


def test_profiles_describe_only_what_is_large_and_significant(
    election: tuple[Survey, Segmentation],
) -> None:
    survey, result = election
    assigned = assign(result.model(3), survey)
    table = profile(survey, assigned["segment"], [*ELECTION_ITEMS, "VOTE3", "AGE"])
    notable = table[table["notable"]]
    assert (notable["p_adjusted"] < 0.05).all()
    shares = notable[notable["statistic"] == "share"]
    assert (shares["difference"].abs() >= 0.10).all()
    assert np.allclose(table["index"], 100 * table["segment_value"] / table["total_value"])
    sizes = assigned["segment"].value_counts(normalize=True).sort_index().tolist()
    texts = describe(table, sizes, ["Første", "Anden", "Tredje"])
    assert texts["name"].tolist() == ["Første", "Anden", "Tredje"]
    assert all(text.count("%") >= 1 for text in texts["description_en"])
    assert texts["description_da"].str.contains("af de adspurgte").all()
