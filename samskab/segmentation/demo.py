"""The demo project's segments: the demo survey imported with its questions, K=4 fitted and
chosen, and named."""

from __future__ import annotations

import shutil
from pathlib import Path

from samskab.projects.models import Project
from samskab.segmentation import actions
from samskab.segmentation.models import Fit, Survey
from samskab.segments.demo_survey import QUESTIONS, simulate_survey

# The planted segments, largest first, as the fit orders them (checked by a test).
DEMO_NAMES = [
    "De familie- og boligdrevne",
    "De unge uddannelses- og bysøgende",
    "Seniorerne, der søger natur og ro",
    "Jobflytterne",
]


def seed_demo_segments(project: Project, data_dir: Path) -> Fit:
    """Import data_dir/survey.csv as the project's demo survey, fit K=4 (a fixed seed, few
    resamples, so it takes seconds), choose it and name the segments; earlier demo surveys
    are removed so a re-run of `samskab demo` leaves one."""
    older = list(project.surveys.filter(source=Survey.Source.DEMO))
    survey = actions.do_import_survey(
        project, data_dir / "survey.csv", user=None, origin=Survey.Source.DEMO
    )
    segmenting = simulate_survey(respondents=10).segmenting_items
    codebook = survey.read_codebook().with_roles(segmenting).with_questions(QUESTIONS)
    actions.do_edit_codebook(survey, codebook)
    fit = actions.do_start_fit(
        survey, range(4, 5), bootstrap=5, seed=1, user=None, background=False
    )
    actions.do_choose(fit, 4)
    actions.do_name_segments(fit, DEMO_NAMES)
    for stale in older:
        shutil.rmtree(stale.folder, ignore_errors=True)
        stale.delete()
    return fit
