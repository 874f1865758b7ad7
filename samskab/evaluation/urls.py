from django.urls import path

from samskab.evaluation import trend_views, views

app_name = "evaluation"

# Under projects/<project_id>/evaluation/.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("open/", views.open_round, name="open_round"),
    path("answer/<uuid:answer_token>/", views.answer, name="answer"),
    path("<int:round_id>/", views.summary, name="summary"),
    path("<int:round_id>/answer/", views.answer_mine, name="answer_mine"),
    path("<int:round_id>/csv/", views.summary_csv, name="summary_csv"),
    path("initiatives/<int:initiative_id>/", trend_views.before_after, name="before_after"),
]
