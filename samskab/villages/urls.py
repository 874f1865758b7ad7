from django.urls import path

from samskab.villages import views

app_name = "villages"

# Under projects/<project_id>/villages/.
urlpatterns = [
    path("", views.village_list, name="list"),
    path("cluster/", views.cluster, name="cluster"),
    path("stakeholders/", views.stakeholders, name="stakeholders"),
    path("stakeholders/<int:stakeholder_id>/", views.stakeholder_edit, name="stakeholder_edit"),
    path(
        "stakeholders/<int:stakeholder_id>/remove/",
        views.stakeholder_remove,
        name="stakeholder_remove",
    ),
    path("<int:village_id>/", views.profile, name="profile"),
    path("<int:village_id>/edit/", views.edit, name="edit"),
]
