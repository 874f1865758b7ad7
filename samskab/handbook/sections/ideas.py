"""The handbook's ideas and their ranking: the results board's own rows (as its CSV has
them), with the means and spreads of an idea scored by fewer than the threshold hidden."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _

from samskab.handbook.sections.tables import Table, as_table, published_table
from samskab.ideas.exports import ranking_rows
from samskab.ideas.results import results_for
from samskab.projects.models import Project

# The board's columns the printed ranking shows (the data bundle has them all): rank, idea,
# mean per person, scorers, and the mean and spread of each question.
PRINTED = (0, 1, 4, 6, 9, 10, 11, 12, 13, 14)
SCORERS = 6  # the column that counts people
COMPUTED = (4, 5, 7, 9, 10, 11, 12, 13, 14, 15)  # figures computed from the scorers' answers


def ranking(project: Project) -> tuple[Table, Table]:
    """Return the ranking as printed and whole; empty tables when no idea was put forward."""
    rows = ranking_rows(results_for(project))
    header = [str(h) for h in rows[0]]
    frame = pd.DataFrame(rows[1:], columns=header, dtype=object)
    frame[header[SCORERS]] = frame[header[SCORERS]].astype(int)
    whole = published_table(
        "ranking",
        _("Ranking of the ideas"),
        frame,
        counts=[header[SCORERS]],
        derived={header[i]: [header[SCORERS]] for i in COMPUTED},
    )
    printed = whole.frame[[header[i] for i in PRINTED]]
    return as_table("ranking", whole.title, printed), whole
