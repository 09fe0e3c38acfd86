from django.contrib import admin
from django.urls import include, path

from power_campaign.accounts.admin_scoping import view_on_site
from power_campaign.documents import views as documents_views
from power_campaign.ops.health import health

from . import views

handler403 = "power_campaign.views.permission_denied"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("", include("power_campaign.accounts.urls")),
    path("audit/", include("power_campaign.audit.urls")),
    path("documents/", include("power_campaign.documents.urls")),
    path("verify/", documents_views.verify, name="verify"),
    path("health/", health, name="health"),
    path("worksites/", include("cases.urls")),
    path("agreements/", include("agreements.urls")),
    path("uvisa/", include("uvisa.urls")),
    path("contracts/", include("contracts.urls")),
    # The Django admin signs in through the site's own login (password, two-factor, lockout).
    path("admin/login/", views.admin_login, name="admin_login"),
    # Django's "view on site" shortcut, scoped: no redirect for a record the user may not see.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
    path("admin/", admin.site.urls),
]
