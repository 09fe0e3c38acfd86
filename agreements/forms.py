from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import seed_text, signing
from .models import Agreement, AgreementTemplate, SignatureRequest


def _placeholder_fields(form, initial):
    spanish = (get_language() or "").startswith("es")
    for name, (english, spanish_label) in seed_text.PLACEHOLDERS.items():
        form.fields[name] = forms.CharField(
            label=spanish_label if spanish else english,
            max_length=300,
            required=False,
            initial=initial.get(name, ""),
        )


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

    def values(self):
        return {name: self.cleaned_data.get(name, "") for name in seed_text.PLACEHOLDERS}


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
        return {name: self.cleaned_data.get(name, "") for name in seed_text.PLACEHOLDERS}

    def sections(self):
        return [
            {"component": component, **{key: self.cleaned_data[f"s{index}_{key}"] for key in self.TEXT_KEYS}}
            for index, component in enumerate(self.components)
        ]


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
            widget=forms.DateInput(attrs={"type": "date"}),
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
        """The end of the chosen day, local time."""
        day = self.cleaned_data["expires_on"] + timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, time.min))


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
        return cleaned
