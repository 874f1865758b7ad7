from django.urls import path

from samskab.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:project_id>/", views.project_detail, name="detail"),
    path("<int:project_id>/copy/", views.project_copy, name="copy"),
    path("<int:project_id>/edit/", views.project_edit, name="edit"),
    path("<int:project_id>/audit/", views.audit_log, name="audit"),
    path("<int:project_id>/logo/", views.logo_upload, name="logo"),
    path("<int:project_id>/logo.png", views.logo_image, name="logo_image"),
    path("<int:project_id>/villages/new/", views.village_add, name="village_add"),
    path("<int:project_id>/villages/<int:village_id>/", views.village_edit, name="village_edit"),
    path(
        "<int:project_id>/members/<int:membership_id>/role/",
        views.change_role,
        name="change_role",
    ),
]
