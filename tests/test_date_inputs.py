"""Every date field of every form is the browser's date picker with its value written YYYY-MM-DD
(power_campaign.widgets.DATE): a value written in the page's language (Spanish 05/12/2026) would show an
empty field, and the user would have to type the date again."""

import contextlib
import datetime
import importlib

from django import forms
from django.apps import apps
from django.utils import translation

PROJECT_APPS = ("power_campaign", "cases", "agreements", "uvisa", "contracts")


def project_forms():
    for config in apps.get_app_configs():
        if config.name.partition(".")[0] in PROJECT_APPS:
            with contextlib.suppress(ModuleNotFoundError):  # an app without forms
                importlib.import_module(f"{config.name}.forms")
    found, stack = [], [forms.BaseForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            if subclass.__module__.partition(".")[0] in PROJECT_APPS:
                found.append(subclass)
    return found


def test_every_date_field_is_a_date_picker_written_in_iso_format():
    date_fields = [
        (form.__name__, name, field)
        for form in project_forms()
        for name, field in getattr(form, "base_fields", {}).items()
        if type(field) is forms.DateField
    ]

    assert len(date_fields) > 20  # the forms were found
    with translation.override("es"):
        wrong = [
            (form, name)
            for form, name, field in date_fields
            if 'type="date"' not in field.widget.render(name, datetime.date(2026, 12, 5))
            or 'value="2026-12-05"' not in field.widget.render(name, datetime.date(2026, 12, 5))
        ]
    assert wrong == []
