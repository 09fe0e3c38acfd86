from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, get_supported_language_variant, ngettext
from django.utils.translation import gettext_lazy as _

from cases.models import AgencyFiling, Evidence, Incident
from power_campaign.accounts.models import Role
from power_campaign.documents.api import Access, Packet
from power_campaign.formats import date_format
from power_campaign.widgets import DATE

from . import seed_text, signing
from .evidence_packet import Purpose, choices_for
from .models import EFFECTIVE_DATE, Agreement, AgreementTemplate, BreachReport, SignatureRequest, stated_date


def _placeholder_fields(form, initial):
    spanish = (get_language() or "").startswith("es")
    for name, (english, spanish_label) in seed_text.PLACEHOLDERS.items():
        label = spanish_label if spanish else english
        if name == EFFECTIVE_DATE:
            form.fields[name] = forms.DateField(
                label=label,
                required=False,
                initial=stated_date(initial.get(name)),
                widget=DATE,
                help_text=_(
                    "Leave it empty if the agreement takes effect on the day both parties have signed."
                ),
            )
            continue
        numeric = {"inputmode": "numeric"} if name == "term_months" else {}
        form.fields[name] = forms.CharField(
            label=label,
            max_length=300,
            required=False,
            initial=initial.get(name, ""),
            widget=forms.TextInput(attrs=numeric),
        )


def _placeholder_values(form):
    """The placeholder values as the agreement keeps them: text, and the effective date as YYYY-MM-DD (or
    empty)."""
    values = {name: form.cleaned_data.get(name, "") for name in seed_text.PLACEHOLDERS}
    day = values[EFFECTIVE_DATE]
    values[EFFECTIVE_DATE] = day.isoformat() if day else ""
    return values


class AgreementCreateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Template version"),
        queryset=AgreementTemplate.objects.filter(status=AgreementTemplate.Status.PUBLISHED),
        empty_label=None,
    )
    language = forms.ChoiceField(label=_("Language of the signing copy"), choices=Agreement.Language.choices)

    def __init__(self, *args, worksite, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder_fields(self, {"employer": worksite.employer_name})
        spoken = (get_language() or "")[:2]  # the signing copy in the reader's language, to start with
        self.fields["language"].initial = spoken if spoken in Agreement.Language.values else None

    def values(self):
        return _placeholder_values(self)


class AgreementEditForm(forms.Form):
    """The placeholder values and every section's headings and text (the components stay as they are)."""

    TEXT_KEYS = ("heading_en", "heading_es", "body_en", "body_es")

    def __init__(self, *args, agreement, version, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder_fields(self, agreement.values)
        self.components = [section["component"] for section in version.sections]
        labels = {
            "heading_en": _("Heading (English)"),
            "heading_es": _("Heading (Spanish)"),
            "body_en": _("Text (English)"),
            "body_es": _("Text (Spanish)"),
        }
        for index, section in enumerate(version.sections):
            for key in self.TEXT_KEYS:
                field_class = forms.CharField
                widget = forms.Textarea(attrs={"rows": 6}) if key.startswith("body") else None
                self.fields[f"s{index}_{key}"] = field_class(
                    label=f"{index + 1}. {labels[key]}",
                    max_length=20000,
                    initial=section[key],
                    widget=widget,
                )

    def values(self):
        return _placeholder_values(self)

    def sections(self):
        return [
            {"component": component, **{key: self.cleaned_data[f"s{index}_{key}"] for key in self.TEXT_KEYS}}
            for index, component in enumerate(self.components)
        ]


def _incident_label(incident):
    text = incident.description or incident.place
    return f"{incident} · {text[:80]}" if text else str(incident)


class LaborDisputePacketForm(forms.Form):
    """What goes into a worksite's labor-dispute evidence packet: only records the user may see."""

    purpose = forms.ChoiceField(
        label=_("What the packet is for"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    include_agreement = forms.BooleanField(
        label=_("Include the executed neutrality agreement (first exhibit)"), required=False, initial=True
    )
    incidents = forms.ModelMultipleChoiceField(
        label=_("Incidents"),
        queryset=Incident.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    breaches = forms.ModelMultipleChoiceField(
        label=_("Breaches of the agreement"),
        queryset=BreachReport.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    filings = forms.ModelMultipleChoiceField(
        label=_("Agency filings"),
        queryset=AgencyFiling.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence files (photos and PDFs)"),
        help_text=_("Photos go in as their copies without location data. Choose their incidents too."),
        queryset=Evidence.objects.none(),
        to_field_name="uuid",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bates_prefix = forms.CharField(
        label=_("Bates prefix"),
        max_length=12,
        initial="POWER",
        help_text=_("Stamped on every page: PREFIX-000001, PREFIX-000002..."),
    )
    access = forms.ChoiceField(
        label=_("Who may open it"), choices=Access.choices, initial=Access.ORGANIZATION
    )
    language = forms.ChoiceField(
        label=_("Language of the summary, cover and index"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, user, worksite, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.worksite = user, worksite
        choices = choices_for(user, worksite)
        for name in ("incidents", "breaches", "filings", "evidence"):
            self.fields[name].queryset = choices[name]
            if not choices[name].exists():
                self.fields[name].help_text = _("None recorded at this worksite.")
        self.fields["incidents"].label_from_instance = _incident_label
        self.fields["breaches"].label_from_instance = lambda b: f"{b.incident} · {b.get_status_display()}"
        self.fields["filings"].label_from_instance = lambda f: f"{f} · {date_format(f.filed_on)}"
        self.fields["evidence"].label_from_instance = lambda e: f"{e.original_name} · {e.incident}"
        self.fields["language"].initial = get_supported_language_variant(get_language())
        if agreement is None:
            del self.fields["include_agreement"]

    def clean_bates_prefix(self):
        """Upper-cased first; the packet's own validator then checks the letters and digits."""
        prefix = self.cleaned_data["bates_prefix"].strip().upper()
        for validator in Packet._meta.get_field("bates_prefix").validators:
            validator(prefix)
        return prefix

    def clean(self):
        data = super().clean()
        if data.get("access") == Access.LEGAL and self.user.role_in(self.worksite.organization) != Role.LEGAL:
            self.add_error(
                "access", _("Only legal staff of this organization can create a legal-only packet.")
            )
        incidents = {incident.pk for incident in data.get("incidents", [])}
        if any(file.incident_id not in incidents for file in data.get("evidence", [])):
            self.add_error(
                "evidence",
                _("Choose the incidents of the evidence files too: every file is shown with its incident."),
            )
        return data

    def arguments(self):
        """The service's keyword arguments."""
        data = self.cleaned_data
        return {
            "purpose": data["purpose"],
            "include_agreement": data.get("include_agreement", False),
            "incidents": list(data["incidents"]),
            "breaches": list(data["breaches"]),
            "filings": list(data["filings"]),
            "evidence": list(data["evidence"]),
            "bates_prefix": data["bates_prefix"],
            "access": data["access"],
            "language": data["language"],
        }


def _section_field(agreement):
    return forms.ChoiceField(
        label=_("Section breached"), choices=[("", "---------"), *agreement.section_choices()]
    )


class BreachReportForm(forms.Form):
    """Link an incident of the agreement's worksite to the agreement as a breach of one of its sections."""

    incident = forms.ModelChoiceField(label=_("Incident"), queryset=None, to_field_name="uuid")
    component = forms.ChoiceField(label=_("Section breached"))
    description = forms.CharField(
        label=_("What the employer did"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, agreement, incidents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = incidents
        self.fields["component"] = _section_field(agreement)


class BreachConfirmForm(forms.Form):
    component = forms.ChoiceField(label=_("Section breached"))
    description = forms.CharField(
        label=_("What the employer did"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, breach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"] = _section_field(breach.agreement)


class BreachDismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not a breach"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BreachStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    cure_by = forms.DateField(
        label=_("Cure period ends"),
        required=False,
        widget=DATE,
        help_text=_("When raising it with the employer. Leave empty for %(days)s business days from today."),
    )
    resolution = forms.CharField(
        label=_("How it was resolved"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, breach, **kwargs):
        from .services import CURE_BUSINESS_DAYS

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = breach.next_status_choices
        allowed = breach.allowed_statuses()
        if breach.Status.RAISED in allowed:
            self.fields["cure_by"].help_text = self.fields["cure_by"].help_text % {"days": CURE_BUSINESS_DAYS}
        else:  # the cure period is set when raising; later it has its own form
            del self.fields["cure_by"]
        if breach.Status.RESOLVED not in allowed:
            del self.fields["resolution"]


class CureByForm(forms.Form):
    cure_by = forms.DateField(label=_("Cure period ends"), widget=DATE)


class TerminateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for termination"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReviewCommentForm(forms.Form):
    component = forms.ChoiceField(label=_("Section"), required=False)
    text = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, agreement, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = [
            ("", _("The whole agreement")),
            *agreement.section_choices(version.sections),
        ]


class ApproveForm(forms.Form):
    """An administrator's approval of the latest version. When review comments were made on that version
    (the text has not changed since), the administrator confirms having read them: a required box."""

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment_count = version.comments.count()
        if self.comment_count:
            self.fields["comments_read"] = forms.BooleanField(
                label=ngettext(
                    "I have read the %(count)s comment on this version and approve the text as it is.",
                    "I have read the %(count)s comments on this version and approve the text as it is.",
                    self.comment_count,
                )
                % {"count": self.comment_count},
                error_messages={
                    "required": _(
                        "Confirm that you have read the review comments on this version, then approve."
                    )
                },
            )

    def confirmed(self):
        """Whether the administrator confirmed having read the comments (False when there are none)."""
        return bool(self.is_valid() and self.cleaned_data.get("comments_read"))


class SendForSignatureForm(forms.Form):
    """Each party's representative who has no signing link yet, and when the links expire."""

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = parties
        labels = dict(SignatureRequest.Party.choices)
        for party in parties:
            self.fields[f"{party}_name"] = forms.CharField(
                label=_("%(party)s signer: name") % {"party": labels[party]}, max_length=200
            )
            self.fields[f"{party}_title"] = forms.CharField(
                label=_("%(party)s signer: title") % {"party": labels[party]}, max_length=200
            )
            self.fields[f"{party}_email"] = forms.EmailField(
                label=_("%(party)s signer: email") % {"party": labels[party]}
            )
        self.fields["expires_on"] = forms.DateField(
            label=_("Links expire at the end of"),
            widget=DATE,
            initial=lambda: timezone.localdate() + timedelta(days=signing.LINK_DAYS),
        )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        if day > timezone.localdate() + timedelta(days=90):
            raise forms.ValidationError(_("Choose a day within 90 days."))
        return day

    def signers(self):
        return {
            party: {key: self.cleaned_data[f"{party}_{key}"] for key in ("name", "title", "email")}
            for party in self.parties
        }

    def expires_at(self):
        """The end of the chosen day, local time (its last moment: shown as that day, 11:59 p.m.)."""
        return timezone.make_aware(datetime.combine(self.cleaned_data["expires_on"], time.max))


class SignForm(forms.Form):
    """The consent, the signer's name and title, and a drawn (a PNG data URL) or typed signature."""

    consent = forms.BooleanField(label=signing.CONSENT)
    signed_name = forms.CharField(label=_("Your full name"), max_length=200)
    signed_title = forms.CharField(label=_("Your title"), max_length=200)
    signature_kind = forms.ChoiceField(
        label=_("How do you want to sign?"),
        choices=[("drawn", _("Draw my signature")), ("typed", _("Type my signature"))],
        widget=forms.RadioSelect,
        initial="drawn",
    )
    signature_data = forms.CharField(required=False, widget=forms.HiddenInput)
    typed_signature = forms.CharField(label=_("Type your signature"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("signature_kind")
        if kind == "drawn":
            try:
                cleaned["png"] = signing.signature_png(cleaned.get("signature_data") or "")
            except signing.SigningError as error:
                self.add_error("signature_kind", error)
        elif kind == "typed" and not (cleaned.get("typed_signature") or "").strip():
            self.add_error("typed_signature", _("Type your signature."))
        elif kind == "typed" and not signing.typed_as_named(
            cleaned["typed_signature"], cleaned.get("signed_name", "")
        ):
            self.add_error("typed_signature", signing.TYPED_NOT_NAME)
        return cleaned
