from django.urls import path

from samskab.workshops import expectation_views, views

app_name = "workshops"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:number>/", views.edit, name="edit"),
    path("settings/", views.edit_settings, name="settings"),
    path("<int:number>/activate/", views.activate, name="activate"),
    path("points/<int:point_id>/", views.set_point, name="set_point"),
    path("expectations/", expectation_views.expectations, name="expectations"),
    path("expectations/municipality/", expectation_views.edit_municipal, name="edit_municipal"),
    path(
        "expectations/village/<int:village_id>/",
        expectation_views.edit_village,
        name="edit_village",
    ),
]
