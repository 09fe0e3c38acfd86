"""The benchmark's URLconf (bench/scale.py only): the product's URLs plus a minimal view.

The floor view goes through the same middleware and login as every page and does nothing: what it costs
is the framework's own share of a request (session, user, memberships, CSP...), which floor_ratio
divides each page's time by.
"""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


@require_GET
def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("power_campaign.urls")),
]
