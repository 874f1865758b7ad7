from django.urls import path

from samskab.workshops import (
    expectation_views,
    idea_views,
    initiative_views,
    notification_views,
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
    path("initiatives/", initiative_views.dashboard, name="initiatives"),
    path("initiatives/new/", initiative_views.create, name="create_initiative"),
    path("initiatives/<int:initiative_id>/", initiative_views.detail, name="initiative"),
    path("initiatives/<int:initiative_id>/edit/", initiative_views.edit, name="edit_initiative"),
    path(
        "initiatives/<int:initiative_id>/update/", initiative_views.post_update, name="post_update"
    ),
    path("initiatives/<int:initiative_id>/status/", initiative_views.set_status, name="set_status"),
    path(
        "initiatives/<int:initiative_id>/milestones/",
        initiative_views.add_milestone,
        name="add_milestone",
    ),
    path(
        "initiatives/milestones/<int:milestone_id>/",
        initiative_views.set_milestone,
        name="set_milestone",
    ),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("notifications/read/", notification_views.mark_read, name="mark_read"),
]
