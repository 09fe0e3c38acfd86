import re

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.models import Organization, Role

from .models import Access, Packet, bates_prefix_validator


def check_upload_size(upload):
    limit = settings.DOCUMENT_UPLOAD_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise forms.ValidationError(
            _("%(name)s is larger than %(limit)d MB.") % {"name": upload.name, "limit": limit}
        )
    return upload


class PacketForm(forms.ModelForm):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    bates_prefix = forms.CharField(
        label=_("Bates prefix"),
        max_length=12,
        help_text=_("Stamped on every page: PREFIX-000001, PREFIX-000002..."),
    )

    class Meta:
        model = Packet
        fields = ["organization", "title", "bates_prefix", "access", "language"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        organizations = Organization.objects.for_user(user)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]
        self.fields["language"].initial = get_language()

    def clean_bates_prefix(self):
        """Upper-cased first; the model's validator then checks the letters and digits."""
        return self.cleaned_data["bates_prefix"].strip().upper()

    def clean(self):
        data = super().clean()
        organization = data.get("organization")
        if (
            organization
            and data.get("access") == Access.LEGAL
            and self.user.role_in(organization) != Role.LEGAL
        ):
            self.add_error(
                "access", _("Only legal staff of this organization can create a legal-only packet.")
            )
        return data


class ExhibitForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    description = forms.CharField(label=_("Description"), max_length=300)

    def clean_file(self):
        return check_upload_size(self.cleaned_data["file"])


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("PDF to check"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    sha256 = forms.CharField(label=_("or its SHA-256"), required=False, max_length=64)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return check_upload_size(upload) if upload else upload

    def clean_sha256(self):
        value = self.cleaned_data["sha256"].strip().lower()
        if value and not re.fullmatch(r"[0-9a-f]{64}", value):
            raise forms.ValidationError(_("A SHA-256 is 64 characters, digits 0-9 and letters a-f."))
        return value

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("sha256")):
            raise forms.ValidationError(_("Upload a PDF or enter a SHA-256 (one of the two)."))
        return data


class AddToPacketForm(forms.Form):
    """Add a stored record to one of the organization's draft packets, or to a new one (legal staff)."""

    packet = forms.ModelChoiceField(
        label=_("Packet"),
        queryset=Packet.objects.none(),
        required=False,
        empty_label=_("Start a new packet"),
        to_field_name="uuid",
    )
    title = forms.CharField(label=_("Title of the new packet"), max_length=200, required=False)
    bates_prefix = forms.CharField(
        label=_("Bates prefix of the new packet"),
        max_length=12,
        required=False,
        help_text=_("Stamped on every page: PREFIX-000001, PREFIX-000002..."),
    )
    description = forms.CharField(
        label=_("Description of the exhibit"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the record's own description."),
    )
    with_location = forms.BooleanField(
        label=_("Include the original photo with its location (GPS) data"),
        required=False,
        help_text=_(
            "Without this, the photo goes in as its copy without location data. "
            "Choose it only if the location itself is evidence."
        ),
    )

    def __init__(self, *args, user, organization, photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["packet"].queryset = (
            Packet.objects.for_user(user)
            .filter(organization=organization, status__in=[Packet.Status.DRAFT, Packet.Status.FAILED])
            .order_by("-created_at")
        )
        if not photo:
            del self.fields["with_location"]

    def clean_bates_prefix(self):
        return self.cleaned_data["bates_prefix"].strip().upper()

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("packet") is None:
            if not data.get("title", "").strip():
                self.add_error("title", _("Give the new packet a title, or choose a draft packet."))
            if not data.get("bates_prefix"):
                self.add_error(
                    "bates_prefix", _("Give the new packet a Bates prefix, or choose a draft packet.")
                )
            else:
                try:
                    bates_prefix_validator(data["bates_prefix"])
                except forms.ValidationError as error:
                    self.add_error("bates_prefix", error)
        return data
