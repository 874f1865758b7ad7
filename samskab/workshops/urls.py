from django.urls import path

from samskab.workshops import (
    expectation_views,
    idea_views,
    results_views,
    score_views,
    views,
)

app_name = "workshops"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:number>/", views.edit, name="edit"),
    path("<int:number>/activate/", views.activate, name="activate"),
    path("points/<int:point_id>/", views.set_point, name="set_point"),
    path("ideas/", idea_views.idea_list, name="ideas"),
    path("ideas/new/", idea_views.add_idea, name="add_idea"),
    path("ideas/<int:idea_id>/", idea_views.idea_detail, name="idea"),
    path("ideas/<int:idea_id>/comment/", idea_views.comment, name="comment"),
    path("ideas/<int:idea_id>/merge/", idea_views.merge, name="merge"),
    path("score/", score_views.score_sheet, name="score"),
    path("score/paper/", score_views.paper_sheets, name="paper"),
    path("score/paper/<int:user_id>/", score_views.paper_sheet, name="paper_sheet"),
    path("results/", results_views.board, name="results"),
    path("results/live/", results_views.board_live, name="results_live"),
    path("results/ranking.csv", results_views.ranking_csv, name="ranking_csv"),
    path("results/scores.csv", results_views.scores_csv, name="scores_csv"),
    path("results/results.xlsx", results_views.results_xlsx, name="results_xlsx"),
    path("expectations/", expectation_views.expectations, name="expectations"),
    path("expectations/municipality/", expectation_views.edit_municipal, name="edit_municipal"),
    path(
        "expectations/village/<int:village_id>/",
        expectation_views.edit_village,
        name="edit_village",
    ),
]
