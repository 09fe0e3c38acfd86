"""The labor-dispute evidence packet of a worksite (the worksite page's action, see worksite.py).

The documents app builds the packet (power_campaign.documents.api); this view checks access to the
worksite, offers the records the user may see, and hands the choice to evidence_packet."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import Worksite
from power_campaign.documents.api import Document, ExhibitError, SigningNotConfigured

from .evidence_packet import create_labor_dispute_packet, executed_agreement
from .forms import LaborDisputePacketForm
from .services import AgreementError


@require_http_methods(["GET", "POST"])
def labor_dispute_packet(request, uuid):
    worksite = Worksite.objects.select_related("organization").get_for_user(request.user, uuid=uuid)
    agreement = executed_agreement(worksite)
    # An executed agreement the user may not open (legal-only, for other roles) is not offered.
    hidden = agreement is not None and not Document.objects.user_may_see(
        request.user, agreement.executed_document
    )
    form = LaborDisputePacketForm(
        request.POST or None, user=request.user, worksite=worksite, agreement=None if hidden else agreement
    )
    if form.is_valid():
        try:
            packet = create_labor_dispute_packet(
                worksite=worksite, user=request.user, request=request, **form.arguments()
            )
        except AgreementError as error:
            form.add_error(None, error)
        except ExhibitError as error:
            form.add_error(None, str(error))
        except SigningNotConfigured as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The packet is being generated: this page shows when its files are ready.")
            )
            return redirect(packet)
    context = {"form": form, "worksite": worksite, "agreement": agreement, "agreement_hidden": hidden}
    return render(request, "agreements/labor_dispute_packet.html", context)
