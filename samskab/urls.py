from django.contrib import admin
from django.urls import include, path

from samskab.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("data-contract/", views.data_contract, name="data_contract"),
    path("", include("samskab.accounts.urls")),
    path("projects/", include("samskab.projects.urls")),
    path("projects/<int:project_id>/facts/", include("samskab.factbase.urls")),
    path("projects/<int:project_id>/workshops/", include("samskab.workshops.urls")),
    path("projects/<int:project_id>/workshops/", include("samskab.ideas.urls")),
    path("projects/<int:project_id>/workshops/", include("samskab.initiatives.urls")),
    path("projects/<int:project_id>/events/", include("samskab.initiatives.event_urls")),
    path("projects/<int:project_id>/segments/", include("samskab.segmentation.urls")),
    path("projects/<int:project_id>/evaluation/", include("samskab.evaluation.urls")),
    path("projects/<int:project_id>/villages/", include("samskab.villages.urls")),
    path("projects/<int:project_id>/housing/", include("samskab.housing.urls")),
    path("projects/<int:project_id>/marketing/", include("samskab.marketing.urls")),
    path("projects/<int:project_id>/handbook/", include("samskab.handbook.urls")),
    path("projects/<int:project_id>/welcome/", include("samskab.welcome.urls")),
    path("v/", include("samskab.welcome.public_urls")),
    path("admin/", admin.site.urls),
]
