"""A round's summary: per question with a chart, per role and per village; small groups
suppressed for everyone but the facilitator, and free text for the facilitator only."""

from __future__ import annotations

from django.urls import reverse

from samskab.evaluation.summary import GroupRow, round_summary

from .evaluation_fixtures import answered_round_fixture  # noqa: F401  (fixture)


def _counts(summary, field):
    [question] = [q for q in summary.questions if q.field == field]
    return [c.count for c in question.counts], question.mean


def test_the_facilitator_gets_every_count_and_the_means(answered_round):
    summary = round_summary(answered_round, suppressed=False)
    assert (summary.asked, summary.answered) == (14, 13)
    # What worked, 1 to 5: one 1 (expert), one 2, four 3s, four 4s, three 5s; 46 / 13.
    assert _counts(summary, "what_worked") == ([1, 1, 4, 4, 3], 3.54)
    assert _counts(summary, "again") == ([8, 3, 2], None)
    assert summary.by_role == [
        GroupRow("Deltager", 6, dict.fromkeys(_SCALES, 4.17), 66.7),
        GroupRow("Ekspert", 2, dict.fromkeys(_SCALES, 3.0), 50.0),
        GroupRow("Landsbyrepræsentant", 5, dict.fromkeys(_SCALES, 3.0), 60.0),
    ]
    assert summary.comments == ["Godt samarbejde", "Mere tid til W2"]


_SCALES = ("what_worked", "villages_cooperation", "municipality_cooperation", "expectations_met")


def test_others_get_small_counts_hidden_and_no_free_text(answered_round):
    summary = round_summary(answered_round, suppressed=True)
    assert _counts(summary, "what_worked") == (["<5", "<5", "<5", "<5", "<5"], None)
    assert _counts(summary, "again") == ([8, "<5", "<5"], None)
    # The experts (2) are a small group; the representatives (5), the smallest other, are
    # hidden too, so the experts cannot be worked out from the total.
    assert summary.by_role == [
        GroupRow("Deltager", 6, dict.fromkeys(_SCALES, 4.17), 66.7),
        GroupRow("Ekspert", "<5", dict.fromkeys(_SCALES, ".."), ".."),
        GroupRow("Landsbyrepræsentant", "..", dict.fromkeys(_SCALES, ".."), ".."),
    ]
    assert [(g.group, g.answers) for g in summary.by_village] == [
        ("Hoven", 6), ("Ingen landsby", "<5"), ("Vester", "..")
    ]  # fmt: skip
    assert summary.comments == []


def test_the_page_shows_the_facilitator_the_free_text_without_names(
    client_for, facilitator, answered_round
):
    url = reverse("evaluation:summary", args=[answered_round.project_id, answered_round.pk])
    page = client_for(facilitator).get(url).content.decode()
    assert "Godt samarbejde" in page and "Mere tid til W2" in page
    assert "member2" not in page and "<svg" in page
    assert "13 af 14 adspurgte medlemmer har svaret." in page


def test_the_page_hides_free_text_and_small_groups_from_a_participant(
    client_for, project, participant, answered_round
):
    url = reverse("evaluation:summary", args=[project.pk, answered_round.pk])
    page = client_for(participant).get(url).content.decode()
    assert "Godt samarbejde" not in page and "Ingen landsby" in page
    assert "&lt;5" in page and "4,2" in page


def test_the_csv_has_the_summary_suppressed_as_on_the_page(
    client_for, project, facilitator, participant, answered_round
):
    url = reverse("evaluation:summary_csv", args=[project.pk, answered_round.pk])
    exact = client_for(facilitator).get(url).content.decode("utf-8-sig").splitlines()
    hidden = client_for(participant).get(url).content.decode("utf-8-sig").splitlines()
    # In Danish, as Excel set to Danish reads it: `;` between the cells and decimal commas.
    assert "Rolle;Ekspert;2;3,0;3,0;3,0;3,0;50,0" in exact and "Godt samarbejde" in exact
    assert "Rolle;Ekspert;<5;..;..;..;..;.." in hidden
    assert not any("Godt samarbejde" in line for line in hidden)
