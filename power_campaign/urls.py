from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

handler403 = "power_campaign.views.permission_denied"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("", include("power_campaign.accounts.urls")),
    path("audit/", include("power_campaign.audit.urls")),
    # The Django admin signs in through the site's own login (password, two-factor, lockout).
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]
