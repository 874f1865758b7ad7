from django.urls import path

from samskab.marketing import views

app_name = "marketing"

# Under projects/<project_id>/marketing/.
urlpatterns = [
    path("", views.plan, name="plan"),
    path("add/", views.plan_form, name="add"),
    path("<int:plan_id>/", views.plan_form, name="edit"),
    path("<int:plan_id>/remove/", views.plan_remove, name="remove"),
    path("<int:plan_id>/brief/", views.brief, name="brief"),
    path("<int:plan_id>/brief.pdf", views.brief_download, name="brief_pdf"),
]
