import datetime

from django import forms
from django.db.models import Case, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from power_campaign import zones
from power_campaign.accounts.models import Organization, Role, User
from power_campaign.phones import PhoneField, PhoneInput
from power_campaign.search import keys_first
from power_campaign.transitions import TransitionNotAllowed
from power_campaign.uploads import HEAD_SIZE, PHOTO, sniff
from power_campaign.widgets import DATE
from power_campaign.zones import ZonedDateTimeField

from .models import (
    AgencyFiling,
    Contact,
    Evidence,
    Incident,
    IncidentType,
    ProtectedActivity,
    Referral,
    Stage,
    StageChange,
    Worksite,
)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


EARLIEST_EVENT = datetime.date(1950, 1, 1)  # what happened at a worksite: nothing earlier is plausible


def not_in_the_future(day):
    if day and day > zones.latest_today():
        raise forms.ValidationError(_("The date cannot be in the future."))


def _not_too_far_back(day):
    if day and day < EARLIEST_EVENT:  # 1850 would be read as a typing slip's truth
        raise forms.ValidationError(
            _("The date is too far back: give one from %(year)s on.") % {"year": EARLIEST_EVENT.year}
        )


def plausible_event_day(day):
    """A day something happened at a worksite (a stage, a first contact): not in the future, not before
    EARLIEST_EVENT."""
    not_in_the_future(day)
    _not_too_far_back(day)


def plausible_event_moment(when):
    """A moment something happened (an incident, the union notified): at most five minutes ahead of the
    clock, and not before EARLIEST_EVENT."""
    if when and when > timezone.now() + datetime.timedelta(minutes=5):
        raise forms.ValidationError(_("The date and time cannot be in the future."))
    _not_too_far_back(when and when.date())


class FirstContactField(forms.DateField):
    """The date of first contact, asked for when a worksite is added: the chronology's first protected
    activity. Left empty, it is not known (and no date is made up for it)."""

    widget = DATE

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Date of first contact"))
        kwargs.setdefault(
            "help_text",
            _(
                "The day organizers first reached workers here. Leave it empty if you do not know it: "
                "the retaliation chronology then starts with the first recorded activity."
            ),
        )
        super().__init__(required=False, validators=[plausible_event_day], **kwargs)


class WorksiteForm(forms.ModelForm):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    first_contact_on = FirstContactField()
    field_order = ["organization", "employer_name", "dba", "first_contact_on"]

    class Meta:
        model = Worksite
        fields = [
            "organization",
            "employer_name",
            "dba",
            "street",
            "city",
            "state",
            "postal_code",
            "industry",
            "headcount",
            "languages",
            "time_zone",
            "organizers",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "organizers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.for_user(user)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]
        zone = self.fields["time_zone"]
        zone.show_hidden_initial = False  # its default is the desk's zone, read when asked (no hidden copy)
        zone.error_messages["invalid_choice"] = _(
            "“%(value)s” is not a time zone you can choose: choose one of the list."
        )
        if self.instance.pk:
            self.fields["organization"].disabled = True
            self.fields["first_contact_on"].initial = self.instance.first_contact_on
        else:  # a new worksite: left empty, the zone is its town's (clean)
            zone.required, zone.initial = False, ""
            zone.choices = [("", _("The usual time zone of the town in its state")), *zones.choices()]
        self.fields["organizers"].queryset = User.objects.filter(
            memberships__organization__in=organizations, memberships__role=Role.ORGANIZER, is_active=True
        ).distinct()
        self.fields["organizers"].label_from_instance = lambda u: u.display_name

    def clean(self):
        data = super().clean()
        organization = data.get("organization")
        outsiders = [
            u
            for u in data.get("organizers", [])
            if organization and u.role_in(organization) != Role.ORGANIZER
        ]
        if outsiders:
            self.add_error("organizers", _("Assign only organizers of the worksite's organization."))
        if "time_zone" in data and not data["time_zone"]:
            data["time_zone"] = zones.for_place(data.get("city"), data.get("state"))
        return data


class StageForm(forms.ModelForm):
    class Meta:
        model = StageChange
        fields = ["stage", "date", "note"]
        widgets = {"date": DATE}

    def __init__(self, *args, worksite=None, **kwargs):  # the admin's inline knows no worksite
        super().__init__(*args, **kwargs)
        self.worksite = worksite
        if not self.instance.pk:
            zone = worksite.zone if worksite else None
            self.fields["date"].initial = timezone.localdate(timezone.now(), zone)

    def clean_date(self):
        date = self.cleaned_data["date"]
        plausible_event_day(date)
        return date

    def clean(self):
        data = super().clean()
        stage, date = data.get("stage"), data.get("date")
        first = self.worksite.first_contact_on if self.worksite else None
        if stage and stage != Stage.FIRST_CONTACT and date and first and date < first:  # as the import says
            self.add_error("date", _("The stage cannot be reached before the date of first contact."))
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "preferred_language", "phone", "committee_role", "consent_to_contact"]
        field_classes = {"phone": PhoneField}
        widgets = {"phone": PhoneInput}


class QuickIncidentForm(forms.ModelForm):
    """What an organizer can fill in on a phone in a minute; details come later. Dates and times are typed
    (and shown again) in the worksite's time zone."""

    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    class Meta:
        model = Incident
        fields = ["type", "occurred_at", "place", "description"]
        widgets = {"occurred_at": DATETIME, "description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"occurred_at": ZonedDateTimeField, "union_notified_at": ZonedDateTimeField}

    def __init__(self, *args, worksite, **kwargs):
        super().__init__(*args, **kwargs)
        self.worksite = worksite
        for field in self.fields.values():
            if isinstance(field, ZonedDateTimeField):
                field.zone = worksite.zone
                field.help_text = _("In the worksite's time zone: %(zone)s.") % {
                    "zone": worksite.get_time_zone_display()
                }
        if not self.instance.pk:
            self.fields["occurred_at"].initial = timezone.now().replace(second=0, microsecond=0)

    def clean_occurred_at(self):
        when = self.cleaned_data["occurred_at"]
        plausible_event_moment(when)
        return when

    def clean_photo(self):
        """A photo, by its content: other files (PDF, audio, video) are added on the incident's page."""
        photo = self.cleaned_data.get("photo")
        if photo:
            photo.seek(0)
            detected = sniff(photo.read(HEAD_SIZE))
            photo.seek(0)
            if detected is None or detected.kind != PHOTO:
                raise forms.ValidationError(
                    _(
                        "%(name)s is not a photo (its content was checked, not its name). Add other files "
                        "on the incident's page once it is logged."
                    )
                    % {"name": photo.name}
                )
        return photo


class IncidentForm(QuickIncidentForm):
    """All the details, including those of an ICE visit."""

    class Meta(QuickIncidentForm.Meta):
        fields = [
            "type",
            "occurred_at",
            "place",
            "description",
            "workers_affected",
            "witnesses",
            "ice_document",
            "consent_given",
            "union_notified_at",
        ]
        widgets = {
            **QuickIncidentForm.Meta.widgets,
            "union_notified_at": DATETIME,
            "witnesses": forms.CheckboxSelectMultiple,
            "consent_given": forms.Select(choices=[("", _("Unknown")), (True, _("Yes")), (False, _("No"))]),
        }

    def __init__(self, *args, worksite, **kwargs):
        super().__init__(*args, worksite=worksite, **kwargs)
        self.fields.pop("photo")
        self.fields["witnesses"].queryset = worksite.contacts.all()

    def clean_union_notified_at(self):
        when = self.cleaned_data["union_notified_at"]
        plausible_event_moment(when)
        return when

    def clean(self):
        data = super().clean()
        ice_details = data.get("ice_document") or data.get("consent_given") is not None
        if data.get("type") != IncidentType.ICE_VISIT and ice_details:
            self.add_error("ice_document", _("The document shown and consent apply only to ICE visits."))
        notified = data.get("union_notified_at")
        if notified and data.get("occurred_at") and notified < data["occurred_at"]:
            self.add_error(
                "union_notified_at", _("The union cannot be notified before the incident happened.")
            )
        return data


class EvidenceForm(forms.Form):
    """A file for an incident; its content is checked when it is stored (`evidence.add_evidence`)."""

    file = forms.FileField(
        label=_("Add a photo, PDF, audio or video"),
        allow_empty_file=True,  # an empty file gets the evidence check's own message, naming the file
        error_messages={"required": _("Choose a file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf,audio/*,video/*"}),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=Evidence._meta.get_field("description").max_length,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "evidence-%s")
        super().__init__(*args, **kwargs)


class FilingForm(forms.ModelForm):
    class Meta:
        model = AgencyFiling
        fields = ["agency", "state_agency_name", "case_number", "filed_on", "closed_on", "incidents", "notes"]
        widgets = {
            "filed_on": DATE,
            "closed_on": DATE,
            "incidents": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, worksite, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incidents"].queryset = worksite.incidents.all()

    def clean(self):
        data = super().clean()
        if data.get("agency") == AgencyFiling.Agency.STATE and not data.get("state_agency_name"):
            self.add_error("state_agency_name", _("Name the state agency."))
        if data.get("closed_on") and data.get("filed_on") and data["closed_on"] < data["filed_on"]:
            self.add_error("closed_on", _("A filing cannot close before it was filed."))
        return data


class ProtectedActivityForm(forms.ModelForm):
    class Meta:
        model = ProtectedActivity
        fields = ["kind", "date", "description"]
        widgets = {"date": DATE}


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}


class ReferralStatusForm(forms.Form):
    """A new status for `referral`: one of those its transitions allow (the list offers only those)."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Referral.Status.choices,
        error_messages={"invalid_choice": _("Choose a valid status.")},
    )

    def __init__(self, *args, referral=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.referral is not None:
            try:
                self.referral.check_transition(status)
            except TransitionNotAllowed as error:
                raise forms.ValidationError(error.message, code="transition") from None
        return status


class FoldingFilters:
    """A list's filter form: the search box stays in view; on a phone the other filters fold away unless
    one of them is in use (or has an error). `unfolded_when_not` names a field's value that is no filter."""

    search_field = "q"
    unfolded_when_not = {}

    def filters_in_use(self):
        if self.is_bound and self.errors:
            return True
        return any(
            self[name].value() not in (None, "", self.unfolded_when_not.get(name))
            for name in self.fields
            if name != self.search_field
        )


class WorksiteFilterForm(FoldingFilters, forms.Form):
    SORTS = [
        ("employer_name", _("Employer (A–Z)")),
        ("-updated_at", _("Recently changed")),
        ("current_stage", _("Stage")),
        ("city", _("City")),
    ]
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("Any stage")), *Stage.choices]
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"), required=False, queryset=Organization.objects.none(), empty_label=_("Any")
    )
    organizer = forms.ModelChoiceField(
        label=_("Organizer"), required=False, queryset=User.objects.none(), empty_label=_("Anyone")
    )
    incident_type = forms.ChoiceField(
        label=_("Has incidents of type"), required=False, choices=[("", _("Any")), *IncidentType.choices]
    )
    since = forms.DateField(label=_("Incidents since"), required=False, widget=DATE)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    unfolded_when_not = {"sort": "employer_name"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.for_user(user)
        self.fields["organization"].queryset = organizations
        self.fields["organizer"].queryset = (
            User.objects.filter(memberships__organization__in=organizations, memberships__role=Role.ORGANIZER)
            .only("pk", "username", "first_name", "last_name")  # the name is all the select box shows
            .distinct()
        )
        self.fields["organizer"].label_from_instance = lambda u: u.display_name
        ids = Organization.objects.ids_for_user(user)  # from the memberships already read: no query
        if (Organization.objects.count() if ids is None else len(ids)) < 2:  # nothing to choose between
            del self.fields["organization"]

    def filter(self, worksites):
        data = self.cleaned_data
        if data.get("q"):
            worksites = worksites.search(data["q"])
        if data.get("stage"):
            worksites = worksites.filter(current_stage=data["stage"])
        if data.get("organization"):
            worksites = worksites.filter(organization=data["organization"])
        if data.get("organizer"):
            worksites = worksites.filter(organizers=data["organizer"])
        if data.get("incident_type") or data.get("since"):
            incidents = Incident.objects.all()
            if data.get("incident_type"):
                incidents = incidents.filter(type=data["incident_type"])
            if data.get("since"):
                # From local midnight: a range the (type, occurred_at) index serves, unlike a cast to date.
                since = datetime.datetime.combine(data["since"], datetime.time.min)
                incidents = incidents.filter(occurred_at__gte=timezone.make_aware(since))
            worksites = worksites.filter(pk__in=incidents.values("worksite_id"))
        sort = data.get("sort") or "employer_name"
        if sort == "current_stage":  # the organizing order, not the alphabetical order of the codes
            sort = Case(*[When(current_stage=stage, then=index) for index, stage in enumerate(Stage.values)])
        return worksites.order_by(sort, "pk")


def _day_start(day):
    """Local midnight of `day`, aware: a range on occurred_at that its indexes serve."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class IncidentFilterForm(FoldingFilters, forms.Form):
    """The incident list across worksites: text, type, worksite and a range of days (both ends included)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("What happened"), required=False, choices=[("", _("Any")), *IncidentType.choices]
    )
    # A text field rather than a list of every worksite (thousands at a big organization): it matches
    # the employer's name (or DBA, city, street). One worksite is chosen by the link on its own page.
    employer = forms.CharField(
        label=_("Worksite"),
        help_text=_("Words from the employer's name or address."),
        required=False,
        max_length=200,
    )
    worksite = forms.ModelChoiceField(
        required=False, queryset=Worksite.objects.none(), to_field_name="uuid", widget=forms.HiddenInput
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worksite"].queryset = Worksite.objects.for_user(user).order_by("employer_name", "pk")
        self.fields["worksite"].error_messages["invalid_choice"] = _(
            "That worksite is not one you can see. Clear the filters and search by name."
        )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end of the range cannot be before its start."))
        return data

    def filter(self, incidents):
        data = self.cleaned_data
        if data.get("q"):
            incidents = incidents.matching(data["q"])
        if data.get("type"):
            incidents = incidents.filter(type=data["type"])
        if data.get("employer"):
            worksites = Worksite.objects.matching(data["employer"]).order_by().values_list("pk", flat=True)
            keys = keys_first(worksites)
            if keys is None:
                incidents = incidents.filter(worksite__in=worksites)
            else:
                incidents = incidents.filter(worksite__any_of=keys)
        if data.get("worksite"):
            incidents = incidents.filter(worksite=data["worksite"])
        if data.get("since"):
            incidents = incidents.filter(occurred_at__gte=_day_start(data["since"]))
        if data.get("until"):
            next_day = data["until"] + datetime.timedelta(days=1)
            incidents = incidents.filter(occurred_at__lt=_day_start(next_day))
        return incidents


class ReferralFilterForm(forms.Form):
    """Legal's queue: by status and by who holds the referral."""

    MINE, NOBODY = "me", "nobody"
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Referral.Status.choices]
    )
    assigned = forms.ChoiceField(
        label=_("Assigned to"),
        required=False,
        choices=[("", _("Anyone")), (MINE, _("Me")), (NOBODY, _("Nobody yet"))],
    )

    def filter(self, referrals, user):
        data = self.cleaned_data
        if data.get("status"):
            referrals = referrals.filter(status=data["status"])
        if data.get("assigned") == self.MINE:
            referrals = referrals.filter(assigned_to=user)
        elif data.get("assigned") == self.NOBODY:
            referrals = referrals.filter(assigned_to__isnull=True)
        return referrals


class ReferralWorkForm(forms.ModelForm):
    """Legal's own fields on a referral: who holds it (legal staff of its organization) and their notes."""

    class Meta:
        model = Referral
        fields = ["assigned_to", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        field.queryset = self.instance.assignable_staff()
        field.empty_label = _("Nobody yet")
        field.label_from_instance = lambda u: u.get_full_name() or u.username
