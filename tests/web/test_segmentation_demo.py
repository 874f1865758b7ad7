"""The demo project's segments: the demo survey fitted with K=4, chosen and named so that each
name matches what its segment's profile says."""

from __future__ import annotations

from django.urls import reverse

from samskab.segmentation.demo import DEMO_NAMES, seed_demo_segments
from samskab.segmentation.services import profile_table, segment_names
from samskab.segments.demo_survey import write_demo_survey

# Per name, an item on which its segment scores highest of the four (the planted tilts).
KEY_ITEMS = ["imp_childcare", "imp_city_life", "imp_elderly_care", "imp_commute"]


def test_the_demo_segments_are_fitted_chosen_and_named_by_their_profiles(project, tmp_path):
    write_demo_survey(tmp_path / "survey.csv")
    seed_demo_segments(project, tmp_path)
    fit = seed_demo_segments(project, tmp_path)  # a re-run of the demo replaces the first
    assert project.surveys.count() == 1
    assert fit.chosen == 4 and segment_names(project) == DEMO_NAMES
    table = profile_table(fit, exact=True)
    means = table[table["statistic"] == "mean"].pivot(
        index="item", columns="segment", values="segment_value"
    )
    for segment, item in enumerate(KEY_ITEMS, start=1):
        assert means.loc[item].idxmax() == segment, item


def test_the_demo_items_are_named_by_their_questions(project, tmp_path, client_for, facilitator):
    write_demo_survey(tmp_path / "survey.csv")
    fit = seed_demo_segments(project, tmp_path)
    codebook = fit.survey.read_codebook()
    assert all(item.question for item in codebook.items if item.name != "respondent")
    html = client_for(facilitator).get(reverse("segmentation:overview", args=[project.pk]))
    text = html.content.decode()
    assert "Hvor vigtig var børnepasning for dit valg af bopæl?" in text
    assert "imp_childcare" not in text


def test_the_demo_families_and_seniors_demand_is_read_from_the_survey(project, tmp_path):
    from samskab.housing.demo import DEMANDS, seed_demo_demand_from_survey

    write_demo_survey(tmp_path / "survey.csv")
    fit = seed_demo_segments(project, tmp_path)
    seed_demo_demand_from_survey(fit)
    found = {d.segment: (sorted(d.kinds), d.min_rooms, d.max_price, bool(d.basis))
             for d in project.housing_demands.all()}  # fmt: skip
    # The survey's planted answers give the demand the demo set by hand: the match's gaps stay.
    assert found == {
        segment: (sorted(kinds), rooms, price, True) for segment, kinds, rooms, price, _ in DEMANDS
    }
    sizes = profile_table(fit, exact=True).groupby("segment")["base"].max()
    families = project.housing_demands.get(segment=DEMO_NAMES[0])
    assert families.share == round(100 * sizes[1] / sizes.sum())
