"""The villages' joint events (`/projects/<id>/events/`): initiatives of the kind joint event,
created and followed up with the initiatives' own pages."""

from django.urls import path

from samskab.initiatives import views

app_name = "events"

urlpatterns = [
    path("", views.events, name="list"),
]
