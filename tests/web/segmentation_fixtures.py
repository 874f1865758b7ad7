"""A small survey with two planted segments, made by code, and a project segmented on it."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from django.contrib.auth.models import User

from samskab.projects.models import Project
from samskab.segmentation import actions
from samskab.segmentation.models import Fit, Survey

ITEMS = ("imp_housing", "imp_school", "imp_city_life", "imp_culture")
LABELS = ("1 Uvigtigt", "2 Hverken eller", "3 Vigtigt")


@pytest.fixture(scope="module", name="survey_file")
def survey_file_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a CSV of 160 respondents: two segments that rate the items in opposite ways, an
    age, and a rare household answer (3 respondents) that suppression must hide."""
    rng = np.random.default_rng(7)
    path = tmp_path_factory.mktemp("survey") / "movers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", *ITEMS, "age", "household"])
        for i in range(160):
            family = i < 100
            answers = [_answer(rng, high=family == (j < 2)) for j in range(len(ITEMS))]
            household = "Enlig med børn" if i in (3, 50, 120) else ("Par" if family else "Enlig")
            writer.writerow([f"r{i}", *answers, int(rng.integers(20, 70)), household])
    return path


def _answer(rng: np.random.Generator, *, high: bool) -> str:
    chances = (0.1, 0.2, 0.7) if high else (0.7, 0.2, 0.1)
    return LABELS[rng.choice(3, p=chances)]


def import_survey(project: Project, path: Path, user: User | None = None) -> Survey:
    """Import the survey with its importance items forming the segments."""
    survey = actions.do_import_survey(project, path, user=user)
    actions.do_edit_codebook(survey, survey.read_codebook().with_roles(ITEMS))
    return survey


@pytest.fixture(name="segmented")
def segmented_fixture(project: Project, survey_file: Path, settings: object) -> Fit:
    """The project with the survey fitted for K=2–3, K=2 chosen and named."""
    survey = import_survey(project, survey_file)
    fit = actions.do_start_fit(survey, range(2, 4), bootstrap=2, user=None, background=False)
    actions.do_choose(fit, 2)
    actions.do_name_segments(fit, ["Familierne", "Byfolket"])
    return fit
