from django.urls import path

from samskab.segmentation import views

app_name = "segmentation"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("names/", views.name_segments, name="names"),
    path("profiles.csv", views.profile_csv, name="csv"),
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/<int:survey_id>/", views.codebook, name="codebook"),
    path("surveys/<int:survey_id>/fit/", views.start_fit, name="start_fit"),
    path("fits/<int:fit_id>/", views.fit, name="fit"),
    path("fits/<int:fit_id>/choose/", views.choose, name="choose"),
]
