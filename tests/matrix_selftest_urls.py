"""A tiny URLconf for the permission matrix's own tests (tests/test_permission_matrix.py)."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


@require_GET
def page(request):
    return HttpResponse("a page")


def any_method(request):
    return HttpResponse("answers whatever it is asked")


urlpatterns = [
    path("page/", page, name="page"),
    path("any/", any_method, name="any_method"),
    path("unlisted/", page, name="unlisted"),
    path("", include("power_campaign.accounts.urls")),  # the login page signed-out visitors are sent to
]
