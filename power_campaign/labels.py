"""`get_FOO_display()` at the cost of a dictionary lookup.

Django's own rebuilds the field's whole list of choices and hashes it at every call, which translates
each lazy label to hash it: on a list page of 25 rows that is hundreds of translations for one column.
A model whose choice labels lists show takes `ChoiceLabels` first among its bases; the labels stay lazy,
so each call still answers in the active language.
"""

import functools

from django.utils.encoding import force_str


@functools.cache
def _labels(field):
    return dict(field.flatchoices)


class ChoiceLabels:
    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # a value that cannot be a dictionary key: Django's own way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
