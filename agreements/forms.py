from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import seed_text
from .models import Agreement, AgreementTemplate


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
