"""The evaluation's charts: Vega-Lite specs rendered to SVG on the server, as the fact base's."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samskab.evaluation.summary import QuestionSummary
from samskab.factbase.charts import WIDTH, render


def question_chart(question: QuestionSummary) -> SafeString:
    """Return bars of how many gave each answer; a suppressed count is left out, not drawn."""
    rows = [{"answer": c.label, "count": c.count} for c in question.counts
            if isinstance(c.count, int)]  # fmt: skip
    order = [c.label for c in question.counts]
    chart = (
        alt.Chart(pd.DataFrame(rows, columns=["answer", "count"]))
        .mark_bar(color="#0059b3")
        .encode(
            y=alt.Y("answer:N", sort=order, title=None, scale=alt.Scale(domain=order)),
            x=alt.X("count:Q", title=_("Answers"), axis=alt.Axis(tickMinStep=1)),
        )
        .properties(width=WIDTH // 2, height=alt.Step(24))
    )
    return render(chart, title=question.question)
