from django.urls import path

from samskab.handbook import views

app_name = "handbook"

urlpatterns = [
    path("", views.page, name="page"),
    path("handbook.pdf", views.download, name="download"),
    path("consent/", views.consent, name="consent"),
    path("lessons/", views.lessons, name="lessons"),
]
