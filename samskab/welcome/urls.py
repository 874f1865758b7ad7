from django.urls import path

from samskab.welcome import ambassador_views, event_views, letter_views, views

app_name = "welcome"

# Under projects/<project_id>/welcome/.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("villages/<int:village_id>/publish/", views.publish, name="publish"),
    path("villages/<int:village_id>/channels/", views.channels, name="channels"),
    path("people/<int:person_id>/host/", views.assign_host, name="assign_host"),
    path("people/<int:person_id>/visit/", views.record_visit, name="record_visit"),
    path("people/<int:person_id>/protect/", views.protect, name="protect"),
    path("people/<int:person_id>/delete/", views.forget, name="forget"),
    path("people/<int:person_id>/export/", views.export, name="export"),
    path("former-residents/", views.former_residents, name="former_residents"),
    path("sign-up/", ambassador_views.sign_up_for, name="sign_up_for"),
    path("letters/", letter_views.letters, name="letters"),
    path("processing/", views.processing, name="processing"),
    path("events/", event_views.events, name="events"),
    path("events/<int:event_id>/", event_views.event, name="event"),
    path("events/<int:event_id>/invite/", event_views.invite, name="invite"),
]
