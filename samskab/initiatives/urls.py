from django.urls import path

from samskab.initiatives import notification_views, views

app_name = "initiatives"

# Under projects/<project_id>/workshops/, beside the workshops' own pages.
urlpatterns = [
    path("initiatives/", views.dashboard, name="dashboard"),
    path("initiatives/new/", views.create, name="create"),
    path("initiatives/<int:initiative_id>/", views.detail, name="detail"),
    path("initiatives/<int:initiative_id>/edit/", views.edit, name="edit"),
    path("initiatives/<int:initiative_id>/update/", views.post_update, name="post_update"),
    path("initiatives/<int:initiative_id>/status/", views.set_status, name="set_status"),
    path("initiatives/<int:initiative_id>/outcome/", views.record_outcome, name="record_outcome"),
    path(
        "initiatives/<int:initiative_id>/milestones/",
        views.add_milestone,
        name="add_milestone",
    ),
    path(
        "initiatives/milestones/<int:milestone_id>/",
        views.set_milestone,
        name="set_milestone",
    ),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("notifications/read/", notification_views.mark_read, name="mark_read"),
]
