from django.urls import path

from samskab.housing import views

app_name = "housing"

# Under projects/<project_id>/housing/.
urlpatterns = [
    path("", views.register, name="register"),
    path("add/", views.home_form, name="home_add"),
    path("homes/<int:home_id>/", views.home_form, name="home_edit"),
    path("homes/<int:home_id>/remove/", views.home_remove, name="home_remove"),
    path("import/", views.import_homes, name="import"),
    path("building-register/", views.building_register, name="bbr"),
    path("notes/", views.add_note, name="add_note"),
    path("demand/", views.demand, name="demand"),
    path("demand/from-survey/", views.demand_from_survey, name="demand_from_survey"),
    path("demand/<int:demand_id>/", views.demand, name="demand_edit"),
    path("demand/<int:demand_id>/remove/", views.demand_remove, name="demand_remove"),
    path("match/", views.match, name="match"),
    path("match/<int:demand_id>/idea/", views.gap_idea, name="gap_idea"),
]
