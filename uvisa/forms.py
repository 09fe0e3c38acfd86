from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import not_in_the_future
from cases.models import Incident, Worksite
from power_campaign.phones import PhoneField
from power_campaign.widgets import DATE

from . import services
from .models import (
    EXPLICIT_ANSWERS,
    PART1_FIELDS,
    REQUIREMENTS,
    CertificationRequest,
    CertifyingAgency,
    ClientCase,
    Declaration,
    FamilyMember,
    HarmType,
    Petition,
    QualifyingActivity,
    ScreenedActivity,
    Screening,
)

YES_NO_UNKNOWN = [("unknown", _("Not known yet")), ("true", _("Yes")), ("false", _("No"))]


class YesNoUnknownField(forms.NullBooleanField):
    widget = forms.RadioSelect(choices=YES_NO_UNKNOWN)


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class ClientForm(forms.ModelForm):
    phone = PhoneField(label=_("Phone"), required=False)

    class Meta:
        model = ClientCase
        fields = services.INTAKE_FIELDS["client"]
        widgets = {
            "date_of_birth": DATE,
            "other_names": textarea(2),
            "address": textarea(2),
            "safe_contact": textarea(3),
            "incidents": forms.CheckboxSelectMultiple,
            "facts": textarea(4),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.instance
        self.fields["date_of_birth"].validators.append(not_in_the_future)
        self.fields["worksite"].queryset = Worksite.objects.filter(organization=case.organization).order_by(
            "employer_name"
        )
        # The incidents of the case's worksite (the one chosen in this form when it is sent): not every
        # worksite's, among which the wrong one is easily ticked, and which a big organization has by the
        # thousand.
        field = self.fields["incidents"]
        chosen = str(self.data.get(self.add_prefix("worksite"), "") if self.is_bound else case.worksite_id)
        incidents = Incident.objects.filter(worksite__organization=case.organization)
        incidents = incidents.select_related("worksite")
        if chosen.isdigit():
            field.queryset = incidents.filter(worksite_id=chosen).order_by("-occurred_at")
            field.help_text = _("The incidents at the worksite this case is about.")
        else:
            field.queryset = incidents.none()
            field.help_text = _("Choose the worksite and save: its incidents are listed here.")
        field.error_messages["invalid_choice"] = _("Choose incidents of the case's worksite.")
        field.label_from_instance = lambda i: f"{i} · {i.worksite.display_name}"

    def clean(self):
        data = super().clean()
        if data.get("preferred_language") == ClientCase.Language.OTHER and not data.get("other_language"):
            self.add_error("other_language", _("Say which language."))
        return data


class HarmForm(forms.ModelForm):
    harm_types = forms.MultipleChoiceField(
        label=_("Harm suffered"),
        choices=HarmType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    crime_in_us = YesNoUnknownField(label=_("It happened in the United States or violated US law"))

    class Meta:
        model = ClientCase
        fields = services.INTAKE_FIELDS["harm"]
        widgets = {"harm_narrative": textarea(6)}


class HelpfulnessForm(forms.ModelForm):
    refused_requests = YesNoUnknownField(
        label=_("The client refused a request for help from the authorities")
    )

    class Meta:
        model = ClientCase
        fields = services.INTAKE_FIELDS["helpfulness"]
        widgets = {
            name: textarea(3)
            for name in ("information", "agencies_contacted", "interviews", "refusal_reason")
        }

    def clean(self):
        data = super().clean()
        if data.get("refused_requests") and not data.get("refusal_reason"):
            self.add_error("refusal_reason", _("Say why the request was refused."))
        return data


class TraffickingForm(forms.ModelForm):
    trafficking_indicated = YesNoUnknownField(
        label=_("Recruited, moved, harbored or held for work through force, fraud or coercion")
    )
    present_on_account_of_trafficking = YesNoUnknownField(
        label=_("In the United States on account of the trafficking")
    )

    class Meta:
        model = ClientCase
        fields = services.INTAKE_FIELDS["trafficking"]
        widgets = {"trafficking_notes": textarea(4)}


STEP_FORMS = {
    "client": ClientForm,
    "harm": HarmForm,
    "helpfulness": HelpfulnessForm,
    "trafficking": TraffickingForm,
}


class FamilyMemberForm(forms.ModelForm):
    in_us = YesNoUnknownField(label=_("Lives in the United States"))

    class Meta:
        model = FamilyMember
        fields = ["name", "relationship", "date_of_birth", "married", "in_us", "implicated"]
        widgets = {"date_of_birth": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].validators.append(not_in_the_future)


class AssignForm(forms.Form):
    assignees = forms.ModelMultipleChoiceField(
        label=_("Legal staff on the case"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty to open the case to all legal staff of the organization."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignees"].queryset = services.legal_staff(case.organization)
        self.fields["assignees"].label_from_instance = lambda user: user.display_name
        self.fields["assignees"].initial = [a.user_id for a in case.assignments.all()]


class ScreeningForm(forms.ModelForm):
    class Meta:
        model = Screening
        fields = [
            "harm",
            "harm_reason",
            "information",
            "information_reason",
            "helpfulness",
            "helpfulness_reason",
            "jurisdiction",
            "jurisdiction_reason",
        ]
        widgets = {
            **dict.fromkeys(("harm", "information", "helpfulness", "jurisdiction"), forms.RadioSelect),
            **{
                f"{name}_reason": textarea(2)
                for name in ("harm", "information", "helpfulness", "jurisdiction")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each "Why" names its requirement: on the page, and in the error summary that quotes the label.
        for name in REQUIREMENTS:
            self.fields[f"{name}_reason"].label = _("Why (%(requirement)s)") % {
                "requirement": self.fields[name].label
            }

    def clean(self):
        data = super().clean()
        for name in REQUIREMENTS:
            if data.get(name) and data[name] != Screening.Finding.MET and not data.get(f"{name}_reason"):
                self.add_error(f"{name}_reason", _("Give the reason: the requirement is not met or unclear."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ScreenedActivity
        fields = [
            "activity",
            "attempt",
            "conspiracy",
            "solicitation",
            "similar_activity",
            "charged_offense",
            "statute_citation",
            "notes",
        ]
        widgets = {"notes": textarea(2)}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        taken = case.activities.values_list("activity_id", flat=True)
        self.fields["activity"].queryset = QualifyingActivity.objects.exclude(pk__in=taken)

    def clean(self):
        data = super().clean()
        if data.get("similar_activity") and not data.get("charged_offense"):
            self.add_error("charged_offense", _("Name the offense for a similar activity."))
        return data


class RequestForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=CertifyingAgency.objects.active())
    activities = forms.ModelMultipleChoiceField(
        label=_("Qualifying activities to certify"),
        queryset=QualifyingActivity.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = QualifyingActivity.objects.filter(
            pk__in=case.activities.values_list("activity_id", flat=True)
        )
        suggested = services.suggested_agencies(case)
        if suggested:
            self.fields["agency"].initial = suggested[0].pk
        self.fields["activities"].initial = list(
            self.fields["activities"].queryset.values_list("pk", flat=True)
        )


class SendForm(forms.ModelForm):
    class Meta:
        model = CertificationRequest
        fields = ["sent_on", "method", "agency_case_number", "contact_name", "contact_details"]
        widgets = {"sent_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].required = True
        self.fields["sent_on"].validators.append(not_in_the_future)
        self.fields["method"].required = True


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (CertificationRequest.Status.SIGNED, _("Signed")),
            (CertificationRequest.Status.DECLINED, _("Declined")),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Answered on"), widget=DATE, validators=[not_in_the_future])
    signed_on = forms.DateField(
        label=_("Date the certifying official signed"),
        widget=DATE,
        required=False,
        validators=[not_in_the_future],
    )
    form_edition = forms.CharField(
        label=_("Form edition"),
        max_length=20,
        required=False,
        help_text=_("The edition date printed on the form."),
    )
    original_in_hand = forms.BooleanField(label=_("We have the original"), required=False)
    decline_reason = forms.CharField(
        label=_("Reason given for declining"), widget=textarea(3), required=False
    )

    def clean(self):
        data = super().clean()
        # A date given but refused (in the future) has its own error: "give the date" is not added to it.
        if (
            data.get("outcome") == CertificationRequest.Status.SIGNED
            and not data.get("signed_on")
            and "signed_on" not in self.errors
        ):
            self.add_error("signed_on", _("Give the date the certifying official signed."))
        if data.get("outcome") == CertificationRequest.Status.DECLINED and not data.get("decline_reason"):
            self.add_error("decline_reason", _("Give the reason the agency declined."))
        return data


class FollowUpForm(forms.Form):
    due_on = forms.DateField(label=_("Follow up by"), widget=DATE)
    note = forms.CharField(label=_("What to do"), max_length=300, required=False)


class PetitionCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Petition"), choices=Petition.Kind.choices, widget=forms.RadioSelect)
    family_member = forms.ModelChoiceField(
        label=_("Family member"),
        queryset=FamilyMember.objects.none(),
        required=False,
        help_text=_("For a derivative petition."),
    )
    certification = forms.ModelChoiceField(
        label=_("Signed certification filed with it"),
        queryset=CertificationRequest.objects.none(),
        required=False,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family_member"].queryset = case.family.all()
        self.fields["family_member"].label_from_instance = lambda m: (
            f"{m.name} · {m.get_relationship_display()}"
        )
        self.fields["certification"].queryset = case.requests.filter(
            status=CertificationRequest.Status.SIGNED
        ).select_related("agency")
        self.fields["certification"].label_from_instance = lambda r: f"{r.agency} · {r.signed_on.isoformat()}"

    def clean(self):
        data = super().clean()
        if data.get("kind") == Petition.Kind.DERIVATIVE and not data.get("family_member"):
            self.add_error("family_member", _("Choose the family member the petition is for."))
        return data


class PetitionForm(forms.ModelForm):
    status = forms.ChoiceField(label=_("Status"))

    class Meta:
        model = Petition
        fields = [
            "status",
            "filed_on",
            "receipt_number",
            "bona_fide_on",
            "waiting_list_on",
            "work_permit_category",
            "work_permit_until",
            "decided_on",
            "notes",
        ]
        widgets = {
            **dict.fromkeys(
                ["filed_on", "bona_fide_on", "waiting_list_on", "work_permit_until", "decided_on"], DATE
            ),
            "notes": textarea(3),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        petition = self.instance
        self.fields["status"].choices = [
            (petition.status, petition.get_status_display()),
            *petition.next_status_choices,
        ]
        for name in ("filed_on", "bona_fide_on", "waiting_list_on", "decided_on"):
            self.fields[name].validators.append(not_in_the_future)

    def clean(self):
        data = super().clean()
        date_field = services.STATUS_DATES.get(data.get("status"))
        if (
            data.get("status") != self.initial.get("status")
            and date_field
            and not data.get(date_field)
            and date_field not in self.errors  # a date given but refused has its own error
        ):
            self.add_error(date_field, _("Give this date for the new status."))
        return data


class DeclarationForm(forms.ModelForm):
    """The client's declaration, in the client's language, with its English translation and the
    translator's certificate (not needed for a declaration written in English)."""

    class Meta:
        model = Declaration
        fields = [
            "language",
            "text",
            "signed_on",
            "translation",
            "translator_name",
            "translator_languages",
            "competence",
            "translated_on",
        ]
        widgets = {
            "text": textarea(12),
            "translation": textarea(12),
            "competence": textarea(3),
            "signed_on": DATE,
            "translated_on": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].validators.append(not_in_the_future)
        self.fields["translated_on"].validators.append(not_in_the_future)


EXPLICIT_CHOICES = [("", _("(a value is given)")), *((answer, answer) for answer in EXPLICIT_ANSWERS)]


class VictimInformationForm(forms.ModelForm):
    """Form I-918 Supplement B, Part 1: each field a value, or an explicit "N/A", "None" or "Unknown"."""

    class Meta:
        model = ClientCase
        fields = list(PART1_FIELDS)
        widgets = {"date_of_birth": DATE, "other_names": textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].validators.append(not_in_the_future)
        answers = self.instance.part1_answers or {}
        for name in PART1_FIELDS:
            self.fields[f"{name}_answer"] = forms.ChoiceField(
                label=_("Or, if blank: %(field)s") % {"field": self.fields[name].label},
                choices=EXPLICIT_CHOICES,
                required=False,
                initial=answers.get(name, ""),
            )
        self.order_fields([part for name in PART1_FIELDS for part in (name, f"{name}_answer")])

    def clean(self):
        data = super().clean()
        for name in PART1_FIELDS:
            if data.get(name) not in (None, "") and data.get(f"{name}_answer"):
                self.add_error(f"{name}_answer", _("Give a value or an explicit answer, not both."))
        return data

    def split(self):
        """(field values, explicit answers) for the service."""
        data = self.cleaned_data
        return (
            {name: data[name] for name in PART1_FIELDS},
            {name: data[f"{name}_answer"] for name in PART1_FIELDS if data.get(f"{name}_answer")},
        )
class LegalHoldForm(forms.Form):
    hold = forms.BooleanField(label=_("Keep this case under legal hold"), required=False)
    reason = forms.CharField(
        label=_("Reason for the legal hold"),
        max_length=300,
        required=False,
        help_text=_("For example: litigation, a subpoena, an investigation. Required for a hold."),
    )

    def clean(self):
        data = super().clean()
        if data.get("hold") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the legal hold."))
        return data


class FindPersonForm(forms.Form):
    """Counsel's search for the person an inventory is about: a U-visa case by its code (which names no
    client), or a contact in the worksite records by name."""

    find = forms.CharField(
        label=_("Case code or contact's name"),
        max_length=200,
        help_text=_("The 8 characters of a U-visa case's code, or words of a contact's name."),
    )


def chosen_by_link(label):
    """A record chosen by the key in a link's query string: looked up in the queryset the form is given
    (an unknown key is refused as an invalid choice), never listed."""
    return forms.ModelChoiceField(
        label=label,
        queryset=None,
        to_field_name="uuid",
        required=False,
        error_messages={"invalid_choice": forms.ChoiceField.default_error_messages["invalid_choice"]},
    )


class InventoryForm(forms.Form):
    """Who the inventory is about, as the search's results link to it: one U-visa case or one contact of
    the administrator's organizations (looked up, never listed: a big local has thousands)."""

    case = chosen_by_link(_("U-visa client"))
    contact = chosen_by_link(_("Contact in the worksite records"))

    def __init__(self, *args, cases, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["contact"].queryset = contacts

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("case")) == bool(data.get("contact")):
            raise forms.ValidationError(_("Choose either a U-visa client or a contact, not both."))
        return data


class AgencySortForm(forms.Form):
    """How the agency statistics are ordered (the column headings sort too, on wider screens)."""

    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Agency")),
            ("-sent", _("Most requests sent")),
            ("-signed", _("Most signed")),
            ("-declined", _("Most declined")),
            ("-pending", _("Most pending")),
            ("median_days", _("Fastest answer (median)")),
            ("-median_days", _("Slowest answer (median)")),
        ],
    )
