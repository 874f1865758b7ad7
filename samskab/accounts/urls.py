from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from samskab.accounts import views

app_name = "accounts"

# Included at the root: the account pages under accounts/, a project's members under its path.

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "accounts/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("accounts/invitations/<str:token>/", views.invitation, name="invitation"),
    path("accounts/language/", views.set_language, name="set_language"),
    path("accounts/my-data/", views.my_data, name="my_data"),
    path("accounts/my-data/download/", views.my_data_json, name="my_data_json"),
    path("projects/<int:project_id>/members/", views.members, name="members"),
    path(
        "projects/<int:project_id>/members/<int:membership_id>/data/",
        views.member_data_json,
        name="member_data_json",
    ),
    path(
        "projects/<int:project_id>/members/<int:membership_id>/delete/",
        views.delete_member,
        name="delete_member",
    ),
]
