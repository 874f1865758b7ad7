from django.urls import path

from samskab.welcome import public
from samskab.welcome.models import Kind

app_name = "welcome_public"

# Under v/: open without signing in.
urlpatterns = [
    path("me/<uuid:person_token>/", public.my_data, name="my_data"),
    path("me/<uuid:person_token>/file/", public.my_data_file, name="my_data_file"),
    path("invitation/<uuid:invitation_token>/", public.invitation, name="invitation"),
    path("confirm/<uuid:person_token>/", public.confirm, name="confirm"),
    path("<slug:village_slug>/", public.village_page, name="village_page"),
    path("<slug:village_slug>/welcome/", public.sign_up, {"kind": Kind.NEWCOMER},
         name="sign_up_newcomer"),
    path("<slug:village_slug>/former-residents/", public.sign_up,
         {"kind": Kind.FORMER_RESIDENT}, name="sign_up_former"),
]  # fmt: skip
