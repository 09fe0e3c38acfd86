from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..widgets import DATE
from .display import record_type_choices
from .models import AuditEvent


def people_choices(reader):
    """The people whose events `reader` may browse: everyone for coalition staff, else the members of the
    organizations they administer. Shown by name, with the user name to tell namesakes apart."""
    from power_campaign.accounts.models import Organization, Role

    people = get_user_model().objects.all()
    if reader.coalition_role != Role.ADMIN:
        organizations = Organization.objects.for_user(reader, roles=[Role.ADMIN])
        people = people.filter(Q(memberships__organization__in=organizations) | Q(pk=reader.pk)).distinct()
    choices = []
    for person in people.order_by("first_name", "last_name", "username"):
        name = person.get_full_name()
        choices.append((str(person.pk), f"{name} ({person.username})" if name else person.username))
    return choices


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    user = forms.ChoiceField(
        label=_("Person"), required=False, help_text=_("What they did, and the sign-ins tried against them.")
    )
    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, reader, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any action")), *AuditEvent.Action.choices]
        self.fields["user"].choices = [("", _("Anyone")), *people_choices(reader)]
        self.fields["object_type"].choices = [("", _("Any record")), *record_type_choices()]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date must be on or before the end date."))
        return data

    def filter(self, events):
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("user"):
            events = events.filter(
                Q(actor_id=data["user"]) | Q(object_type="accounts.user", object_id=data["user"])
            )
        if data.get("object_type"):
            events = events.filter(object_type=data["object_type"])
        if data.get("date_from"):
            events = events.filter(created_at__date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(created_at__date__lte=data["date_to"])
        return events
