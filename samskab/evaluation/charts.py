"""The evaluation's charts: Vega-Lite specs rendered to SVG on the server, as the fact base's."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samskab.evaluation.summary import QuestionSummary
from samskab.evaluation.trends import BeforeAfter
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


def trend_chart(trend: BeforeAfter) -> SafeString:
    """Return lines of in-, out- and net movers per year with the initiative's start year
    marked by a rule; a suppressed year is a gap in its line, not a guess."""
    parts = {"in_movers": _("In-movers"), "out_movers": _("Out-movers"), "net": _("Net")}
    rows = [{"year": y.year, "part": label, "value": getattr(y, name)}
            for y in trend.years for name, label in parts.items()
            if isinstance(getattr(y, name), int)]  # fmt: skip
    lines = (
        alt.Chart(pd.DataFrame(rows, columns=["year", "part", "value"]))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=_("Year")),
            y=alt.Y("value:Q", title=_("Persons")),
            color=alt.Color("part:N", sort=list(parts.values()), title=None,
                            legend=alt.Legend(orient="bottom")),
        )
    )  # fmt: skip
    start = pd.DataFrame({"year": [trend.start_year], "label": [_("Initiative started")]})
    rule = alt.Chart(start).mark_rule(color="#b51d09", strokeDash=[4, 3]).encode(x="year:O")
    text = (
        alt.Chart(start)
        .mark_text(align="left", dx=4, dy=-6, color="#b51d09")
        .encode(x="year:O", y=alt.value(0), text="label:N")
    )
    chart = alt.layer(lines, rule, text).properties(width=WIDTH, height=260)
    return render(chart, title=_("Moves of the target group per year"))
