"""The upload form and the upload page's description of the columns."""

from django import forms
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from power_campaign.accounts.models import Organization

from ..models import Contact, ImportBatch, Industry, Stage
from .columns import COLUMNS, verbose_name


class ImportForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organization"), queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("The file lists"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        allow_empty_file=True,  # an empty file gets the importer's own message
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=gettext_lazy(
            "UTF-8 or Windows-1252, separated by commas or semicolons; up to 2 MB and 5,000 rows."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.for_user(user)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]


def column_docs():
    """For the upload page: each kind's columns, the other names accepted, and what to write."""
    choices = {
        "industry": Industry.choices,
        "committee_role": Contact.CommitteeRole.choices,
        "current_stage": Stage.choices,
    }
    docs = []
    for kind, title in ImportBatch.Kind.choices:
        columns = []
        for column in COLUMNS[kind]:
            accepts = str(column.accepts)
            if column.field in choices:
                listed = "; ".join(f"{code} ({label})" for code, label in choices[column.field])
                code_or_name = _("A code or its name:")
                accepts = f"{accepts} {code_or_name} {listed}".strip()
            columns.append(
                {
                    "name": column.field,
                    "label": str(verbose_name(kind, column.field)),
                    "required": column.required,
                    "accepts": accepts,
                }
            )
        docs.append(
            {
                "kind": kind,
                "title": title,
                "columns": columns,
                "example": ",".join(c.field for c in COLUMNS[kind]),
                "template": reverse("cases:import_template", args=[kind]),
            }
        )
    return docs


def template_header(kind):
    """The first row of an empty file to fill in: each column's label in the reader's language (accepted
    like the column's name), in the order of the page's table."""
    return [capfirst(str(verbose_name(kind, column.field))) for column in COLUMNS[kind]]
