from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role

from .forms import AuditFilterForm
from .models import AuditEvent


@require_GET
@role_required(Role.ADMIN)
def event_list(request):
    form = AuditFilterForm(request.GET or None, reader=request.user)
    events = AuditEvent.objects.for_user(request.user).select_related("organization")
    if form.is_valid():
        events = form.filter(events)
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html", {"form": form, "page": page, "query": query.urlencode()})
