from django.shortcuts import render
from django.views.decorators.http import require_GET

from power_campaign.accounts.access import role_required
from power_campaign.accounts.models import Role
from power_campaign.pagination import page_of

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
    page, query = page_of(request, events, per_page=50)
    return render(request, "audit/event_list.html", {"form": form, "page": page, "query": query})
