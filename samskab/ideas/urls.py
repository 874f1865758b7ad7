from django.urls import path

from samskab.ideas import results_views, score_views, views

app_name = "ideas"

# Under projects/<project_id>/workshops/, beside the workshops' own pages.
urlpatterns = [
    path("ideas/", views.idea_list, name="list"),
    path("ideas/new/", views.add_idea, name="add"),
    path("ideas/<int:idea_id>/", views.idea_detail, name="detail"),
    path("ideas/<int:idea_id>/edit/", views.edit_idea, name="edit"),
    path("ideas/<int:idea_id>/withdraw/", views.withdraw, name="withdraw"),
    path("ideas/<int:idea_id>/comment/", views.comment, name="comment"),
    path("ideas/<int:idea_id>/merge/", views.merge, name="merge"),
    path("score/", score_views.score_sheet, name="score"),
    path("score/paper/", score_views.paper_sheets, name="paper"),
    path("score/paper/<int:user_id>/", score_views.paper_sheet, name="paper_sheet"),
    path("results/", results_views.board, name="results"),
    path("results/live/", results_views.board_live, name="results_live"),
    path("results/ranking.csv", results_views.ranking_csv, name="ranking_csv"),
    path("results/scores.csv", results_views.scores_csv, name="scores_csv"),
    path("results/results.xlsx", results_views.results_xlsx, name="results_xlsx"),
]
