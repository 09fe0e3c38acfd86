"""The project's form renderer: Django's TemplatesSetting (widget templates found through TEMPLATES, so that
templates/ may replace one), writing select boxes in Python.

A select box through the template engine costs about 0.3 ms (a loop over its options, each with a loop
over its attributes); a list page's filters hold five of them. `select_html` writes what Django's
django/forms/widgets/select.html and select_option.html write, from the same context, whitespace between
tags aside (tests/test_forms_renderer.py compares the two on every kind of select box), but for the empty
choice's label.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.translation import gettext

SELECT = "django/forms/widgets/select.html"


def _text(value):
    """A value as the template engine writes it with autoescaping on: `{{ value|stringformat:'s' }}`."""
    return conditional_escape(str(value))


def _attrs(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


BLANK = "---------"  # Django's label of a select box's empty choice (BLANK_CHOICE_DASH, empty_label)


def _blank_label(widget):
    """What the empty choice says, in the user's language: "Choose…" where a choice is required, a dash
    where none is ("none", "any")."""
    return gettext("Choose…") if widget["attrs"].get("required") else "—"


def select_html(widget):
    """A select box from its widget context (`widget` of Select.get_context). Its empty choice says what it
    is in the user's language rather than Django's "---------"."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            label = option["label"]
            if label == BLANK and option["value"] in ("", None):
                label = _blank_label(widget)
            value, label = _text(option["value"]), _text(label)
            parts.append(f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            return select_html(context["widget"])
        return super().render(template_name, context, request)
