from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import views

# Django's generic views also answer HEAD, OPTIONS and (form views) PUT: like every view of the site,
# these answer only the methods they are used with (tests/accounts/permissions.py).
GET_POST = require_http_methods(["GET", "POST"])

app_name = "accounts"
urlpatterns = [
    path("login/", GET_POST(views.LoginView.as_view()), name="login"),
    path("logout/", login_not_required(require_POST(auth_views.LogoutView.as_view())), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/backup-codes/", views.backup_codes, name="backup_codes"),
    path("account/", views.account, name="account"),
    path("password/", GET_POST(views.PasswordChangeView.as_view()), name="password_change"),
    path(
        "password/reset/",
        GET_POST(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        require_GET(
            auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        GET_POST(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        require_GET(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_new, name="organization_new"),
    path("organizations/<uuid:uuid>/", views.organization, name="organization"),
    path("organizations/<uuid:uuid>/invite/", views.invite, name="invite"),
    path("organizations/<uuid:uuid>/address/", views.organization_address, name="organization_address"),
    path(
        "organizations/<uuid:uuid>/invitations/<uuid:invitation>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("organizations/<uuid:uuid>/members/<uuid:member>/role/", views.member_role, name="member_role"),
    path(
        "organizations/<uuid:uuid>/members/<uuid:member>/remove/", views.member_remove, name="member_remove"
    ),
    path(
        "organizations/<uuid:uuid>/members/<uuid:member>/unlock/", views.member_unlock, name="member_unlock"
    ),
    path(
        "organizations/<uuid:uuid>/members/<uuid:member>/two-factor/reset/",
        views.member_reset_two_factor,
        name="member_reset_two_factor",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
