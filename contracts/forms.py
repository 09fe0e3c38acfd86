from django import forms
from django.utils.translation import gettext_lazy as _

from power_campaign import zones
from power_campaign.widgets import DATE

from . import seed_text, services
from .models import (
    AgreedText,
    Article,
    Clause,
    ClauseStatus,
    ClauseTopic,
    Language,
    Strength,
    reader_language,
    spanish,
)

EXPORT_LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("both", _("Side by side"))]


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search the clauses"), max_length=200, required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=ClauseTopic.objects.all(), required=False, to_field_name="code"
    )
    strength = forms.ChoiceField(
        label=_("Strength"), choices=[("", _("Any")), *Strength.choices], required=False
    )


def _number_validator(name):
    def validate(value):
        if message := services.number_error(name, value):
            raise forms.ValidationError(message, code="number")

    return validate


def _placeholder_fields(form, values):
    """A text field per placeholder; a number's (seed_text.NUMBERS) takes a whole number from 1 to its
    maximum. A text field still shows a value stored before numbers were checked, to be corrected."""
    for name, (english, spanish_label) in seed_text.PLACEHOLDERS.items():
        field = form.fields[f"value_{name}"] = forms.CharField(
            label=spanish_label if spanish() else english,
            max_length=300,
            required=False,
            initial=values.get(name, ""),
        )
        if name in seed_text.NUMBERS:
            field.widget.attrs["inputmode"] = "numeric"
            maximum = seed_text.NUMBERS[name]
            field.help_text = _("A whole number from 1 to %(maximum)s.") % {"maximum": maximum}
            field.validators.append(_number_validator(name))


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Contract proposal"))
    bargaining_unit = forms.CharField(
        label=_("Bargaining unit"),
        max_length=300,
        required=False,
        help_text=_("For example: all production and maintenance workers at the Cicero plant"),
    )

    def __init__(self, *args, values=None, **kwargs):
        super().__init__(*args, **kwargs)
        _placeholder_fields(self, values or {})

    def values(self):
        return {name: self.cleaned_data.get(f"value_{name}", "") for name in seed_text.PLACEHOLDERS}

    def fields_for_service(self):
        return {
            "title": self.cleaned_data["title"],
            "bargaining_unit": self.cleaned_data["bargaining_unit"],
            "values": self.values(),
        }


class AddClausesForm(forms.Form):
    clauses = forms.ModelMultipleChoiceField(
        label=_("Clauses"),
        queryset=Clause.objects.select_related("topic"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
        error_messages={"required": _("Choose at least one clause.")},
    )
    article = forms.ModelChoiceField(
        label=_("Article"), queryset=Article.objects.none(), required=False, empty_label=_("A new article")
    )
    heading_en = forms.CharField(
        label=_("Heading of the new article (English)"),
        max_length=200,
        required=False,
        help_text=_("Left empty: the topic of the first clause chosen."),
    )
    heading_es = forms.CharField(
        label=_("Heading of the new article (Spanish)"), max_length=200, required=False
    )

    def __init__(self, *args, proposal, clauses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.taken = set(proposal.clauses.values_list("clause__code", flat=True))  # shown as already in it
        self.fields["article"].queryset = proposal.articles.all()
        if clauses is not None:
            self.fields["clauses"].queryset = clauses
        self.fields["clauses"].label_from_instance = lambda clause: (
            f"{clause.current.title} · {clause.topic.label} · {clause.get_strength_display()}"
            if hasattr(clause, "current")
            else clause.code
        )

    def clean_clauses(self):
        clauses = self.cleaned_data["clauses"]
        services.check_not_in(self.proposal, clauses)
        return clauses


class ClauseEditForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    body_en = forms.CharField(
        label=_("Text (English)"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    body_es = forms.CharField(
        label=_("Text (Spanish)"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    article = forms.ModelChoiceField(label=_("Article"), queryset=Article.objects.none(), empty_label=None)
    order = forms.IntegerField(label=_("Position in the article"), min_value=1, max_value=999)

    def __init__(self, *args, proposal_clause, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                **{key: getattr(proposal_clause, key) for key in services.TEXT_KEYS},
                "article": proposal_clause.article_id,
                "order": proposal_clause.order,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = proposal_clause.proposal.articles.all()
        if proposal_clause.status == ClauseStatus.TENTATIVE:  # the wording stays as agreed
            for key in services.TEXT_KEYS:
                self.fields[key].disabled = True


class ArticleForm(forms.Form):
    heading_en = forms.CharField(label=_("Heading (English)"), max_length=200)
    heading_es = forms.CharField(label=_("Heading (Spanish)"), max_length=200, required=False)
    order = forms.IntegerField(label=_("Article number"), min_value=1, max_value=999)


class StatusForm(forms.Form):
    """Where a clause stands. On a clause the employer countered, a tentative agreement also says which
    text was agreed (the `agreed…` fields, there only then); without a counter it is ours."""

    status = forms.ChoiceField(label=_("Where it stands"), choices=())
    date = forms.DateField(label=_("Date at the table"), widget=DATE)
    counter_text = forms.CharField(
        label=_("The employer's counter"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paste the employer's wording: it is compared with ours."),
    )
    counter_language = forms.ChoiceField(label=_("Language of the counter"), choices=Language.choices)
    agreed = forms.ChoiceField(
        label=_("Text agreed"),
        choices=AgreedText.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("For a tentative agreement: which text the two sides agreed on."),
    )
    agreed_text = forms.CharField(
        label=_("Text agreed at the table"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only for another text: type it as agreed."),
    )
    agreed_language = forms.ChoiceField(
        label=_("Language of the text agreed"), choices=Language.choices, required=False
    )
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, proposal_clause, **kwargs):
        kwargs["initial"] = {"agreed_language": reader_language(), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label)
            for value, label in proposal_clause.next_status_choices
            if value != ClauseStatus.RATIFIED
        ]
        self.asks_agreed = bool(proposal_clause.counter_text) and ClauseStatus.TENTATIVE in dict(
            self.fields["status"].choices
        )
        if not self.asks_agreed:
            for name in ("agreed", "agreed_text", "agreed_language"):
                del self.fields[name]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > zones.latest_today():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == ClauseStatus.COUNTERED and not (cleaned.get("counter_text") or "").strip():
            self.add_error("counter_text", _("Paste the employer's counter text."))
        if status == ClauseStatus.TENTATIVE and self.asks_agreed:
            if not cleaned.get("agreed"):
                self.add_error("agreed", _("Choose which text was agreed."))
            elif cleaned["agreed"] == AgreedText.OTHER:
                if not (cleaned.get("agreed_text") or "").strip():
                    self.add_error("agreed_text", _("Type the text agreed at the table."))
                if not cleaned.get("agreed_language"):
                    self.add_error("agreed_language", _("Choose the language of the text agreed."))
        return cleaned

    def agreement(self):
        """The `agreed…` arguments of services.record_status (none when the form does not ask)."""
        if not self.asks_agreed or self.cleaned_data["status"] != ClauseStatus.TENTATIVE:
            return {}
        return {key: self.cleaned_data[key] for key in ("agreed", "agreed_text", "agreed_language")}


class DateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > zones.latest_today():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=EXPORT_LANGUAGES)
