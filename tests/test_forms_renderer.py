"""Select boxes are written in Python (power_campaign/forms_renderer.py): the same markup as Django's own
django/forms/widgets/select.html, whitespace between tags aside, for every kind of select box."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from power_campaign.forms_renderer import FormRenderer


def between_tags(html):
    return re.sub(r">\s+<", "><", html).strip()


class Everything(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Any"), ("a", "Apple"), ("b", "Banana")])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("a", "Apple"), ("b", "Bánana & <co>")]), ("Other", [("x", 'Say "x"')])],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[(1, "One"), (2, "Two"), (3, "Three")], required=False)
    yes_no = forms.NullBooleanField(required=False)
    lazy = forms.ChoiceField(choices=[("es", gettext_lazy("Spanish")), ("safe", mark_safe("<b>safe</b>"))])
    odd_attrs = forms.ChoiceField(
        choices=[(10, 1000), ("q", "Q")],
        widget=forms.Select(
            attrs={"data-x": 'a"b', "disabled": True, "hidden": False, "aria-describedby": "id_help"}
        ),
    )


CHOSEN = {"plain": "b", "grouped": "x", "many": ["1", "3"], "yes_no": "true", "lazy": "es", "odd_attrs": "10"}


@pytest.mark.parametrize("field", list(Everything.base_fields))
@pytest.mark.parametrize("data", [{}, CHOSEN])
def test_a_select_box_is_written_as_djangos_template_writes_it(field, data):
    ours = Everything(data or None, renderer=FormRenderer())[field]
    django = Everything(data or None, renderer=DjangoTemplates())[field]

    assert between_tags(str(ours)) == between_tags(str(django))
    assert str(ours).startswith("<select")


def test_the_filters_of_a_list_are_written_by_the_projects_renderer(settings):
    assert settings.FORM_RENDERER == "power_campaign.forms_renderer.FormRenderer"


class Blanks(forms.Form):
    needed = forms.ChoiceField(choices=[("", "---------"), ("a", "Apple")])
    optional = forms.ChoiceField(choices=[("", "---------"), ("a", "Apple")], required=False)


def test_an_empty_choice_says_choose_where_one_is_needed_in_the_users_language():
    with translation.override("es"):
        form = Blanks(renderer=FormRenderer())
        html = {name: str(form[name]) for name in Blanks.base_fields}

    assert '<option value="" selected>Elija…</option>' in html["needed"]
    assert '<option value="" selected>—</option>' in html["optional"]
    assert "---------" not in "".join(html.values())
