"""The demo movers' survey: planted segments a latent class model finds again."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from samskab.segments.demo_survey import SHARES, simulate_survey, write_demo_survey
from samskab.segments.model import item_matrix, log_likelihoods
from samskab.segments.segmentation import assign, segment_survey
from samskab.segments.survey import read_survey


def test_it_is_reproducible_and_shaped_like_a_movers_survey(tmp_path: Path) -> None:
    first = write_demo_survey(tmp_path / "a.csv", seed=5).read_bytes()
    assert write_demo_survey(tmp_path / "b.csv", seed=5).read_bytes() == first
    survey = read_survey(tmp_path / "a.csv")
    assert len(survey.answers) == 1500
    planted = simulate_survey(seed=5)
    assert 20 <= len(planted.segmenting_items) <= 30
    missing = survey.answers[planted.segmenting_items].isna().mean().mean()
    assert 0.04 < missing < 0.06
    assert np.allclose(np.bincount(planted.segment) / 1500, SHARES, atol=0.03)


def test_the_family_segment_resembles_the_handbooks(tmp_path: Path) -> None:
    planted = simulate_survey(seed=5)
    header = list(planted.header)
    family = planted.segment == 0
    rows = np.array(planted.rows, dtype=object)
    household = rows[:, header.index("household")]
    assert (household[family] == "couple_with_children").mean() > 0.55
    towns = rows[:, header.index("town")]
    assert (
        np.isin(towns[family], ["Herning", "Holstebro", "Ikast", "Varde", "Lemvig"]).mean() > 0.85
    )


def test_a_fit_finds_the_planted_segments_nearly_as_well_as_the_truth(tmp_path: Path) -> None:
    planted = simulate_survey(seed=5)
    survey = read_survey(write_demo_survey(tmp_path / "s.csv", seed=5))
    items = planted.segmenting_items
    model = segment_survey(survey, items, [4], starts=3).model(4)
    fitted = assign(model, survey)["segment"].to_numpy()
    data, _ = item_matrix(survey, items)
    tables = [planted.probabilities[name] for name in items]
    _, truth = log_likelihoods(data, planted.shares, tables)
    best = adjusted_rand_score(planted.segment, truth.argmax(axis=1))
    ours = adjusted_rand_score(planted.segment, fitted)
    assert ours >= 0.9 * best, (ours, best)
