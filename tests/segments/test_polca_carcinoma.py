"""poLCA's published carcinoma log-likelihoods, reached by the default fit, and the parameter
count checked by hand and against StepMix."""

from __future__ import annotations

import numpy as np
import pytest

from samskab.segments.model import item_matrix, log_likelihoods, parameter_count
from samskab.segments.segmentation import segment_survey
from samskab.segments.survey import read_survey

pytestmark = pytest.mark.shared

# Linzer & Lewis, poLCA documentation: maximum log-likelihoods for 2, 3 and 4 classes.
PUBLISHED = {2: -317.2568, 3: -293.705, 4: -289.2858}


@pytest.fixture(scope="module")
def segmentation(polca):  # type: ignore[no-untyped-def]
    survey = read_survey(polca("carcinoma.csv"))
    # The default fit, as `samskab segments fit` runs it: no starts or tolerances chosen.
    return survey, segment_survey(survey, list("ABCDEFG"), [2, 3, 4])


def test_the_default_fit_reaches_the_published_log_likelihoods(segmentation) -> None:  # type: ignore[no-untyped-def]
    survey, result = segmentation
    reached = {model.classes: model.log_likelihood for model in result.models}
    assert reached == pytest.approx(PUBLISHED, abs=0.01)
    for model in result.models:
        assert model.converged and model.replicated > 1
        assert model.patterns == 20  # poLCA: "There were 20 different observed response patterns"
        # The log-likelihood on patterns is the respondents' log-likelihood.
        data, _ = item_matrix(survey, list("ABCDEFG"))
        per_respondent, _ = log_likelihoods(data, model.shares, model.probabilities)
        assert per_respondent.sum() == pytest.approx(model.log_likelihood, abs=1e-6)
    assert not result.notes


def test_our_parameter_count_agrees_with_stepmix(segmentation, polca) -> None:  # type: ignore[no-untyped-def]
    from stepmix.stepmix import StepMix

    survey, result = segmentation
    data, levels = item_matrix(survey, list("ABCDEFG"))  # categories numbered 0, 1
    for model in result.models:
        # K − 1 shares + K × 7 items × (2 answers − 1)
        assert model.n_parameters == model.classes - 1 + model.classes * 7
        assert model.n_parameters == parameter_count(model.classes, levels)
    estimator = StepMix(n_components=3, measurement="categorical_nan", progress_bar=0).fit(data)
    assert estimator.n_parameters == result.model(3).n_parameters


def test_stepmix_would_count_a_phantom_category_for_codes_from_one(polca) -> None:  # type: ignore[no-untyped-def]
    from stepmix.stepmix import StepMix

    survey = read_survey(polca("carcinoma.csv"))
    raw = survey.answers[list("ABCDEFG")].to_numpy(dtype=float)  # codes 1 and 2
    estimator = StepMix(n_components=2, measurement="categorical_nan", progress_bar=0).fit(raw)
    assert estimator.n_parameters == 1 + 2 * 7 * 2  # 29, not the 15 a 2-class model has


def test_bic_and_aic_follow_from_the_log_likelihood(segmentation) -> None:  # type: ignore[no-untyped-def]
    _, result = segmentation
    model = result.model(3)
    assert model.bic == pytest.approx(-2 * model.log_likelihood + 23 * np.log(118))
    assert model.aic == pytest.approx(-2 * model.log_likelihood + 46)
    assert result.recommended == 3


def test_our_likelihood_and_class_probabilities_match_stepmix(segmentation) -> None:  # type: ignore[no-untyped-def]
    from stepmix.stepmix import StepMix

    survey, _ = segmentation
    data, _ = item_matrix(survey, list("ABCDEFG"))
    estimator = StepMix(n_components=3, measurement="categorical_nan", n_init=5,
                        random_state=1, progress_bar=0).fit(data)  # fmt: skip
    params = estimator.get_parameters()
    pis = params["measurement"]["pis"]
    tables = [pis[:, 2 * j : 2 * j + 2] for j in range(7)]
    per_respondent, posterior = log_likelihoods(data, params["weights"], tables)
    assert per_respondent.sum() == pytest.approx(estimator.score(data) * len(data))
    assert posterior == pytest.approx(estimator.predict_proba(data))
