"""Phone numbers: checked and stored in E.164 (+13125550100), shown as people write them at home.

A number written without a country code is read as one of DEFAULT_REGION (the United States). It is shown
in the national format of its own country when that is DEFAULT_REGION ("(312) 555-0100"), and in the
international format otherwise ("+52 55 1234 5678"), so that a number of another country is never
mistaken for a local one.
"""

import functools

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "US"
INVALID = _(
    "Enter a phone number that exists, for example (312) 555-0100, or +52 55 1234 5678 for another country."
)
EXTENSION = _("Write the number without an extension.")


def parse(text):
    """`text` as E.164, or ValidationError saying what to write; "" stays "" (no number)."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID, code="invalid_phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID, code="invalid_phone")
    if number.extension:
        raise ValidationError(EXTENSION, code="phone_extension")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalized(text):
    """`text` as E.164 if it is a valid number, else unchanged (for values stored before numbers were
    checked)."""
    try:
        return parse(text)
    except ValidationError:
        return text


@functools.lru_cache(maxsize=4096)
def display(text):
    """A stored number as shown: national format for the default region's numbers, international for the
    others; a value that is not a valid number is shown as it is. Remembered: the library takes about
    30 µs a number, and a page of contacts shows ten."""
    try:
        number = phonenumbers.parse(text or "", DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return text or ""
    if not phonenumbers.is_valid_number(number):
        return text
    national = phonenumbers.region_code_for_number(number) == DEFAULT_REGION
    formats = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(number, formats.NATIONAL if national else formats.INTERNATIONAL)


class PhoneInput(forms.TextInput):
    input_type = "tel"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "inputmode": "tel", **(attrs or {})})

    def format_value(self, value):
        return display(value) or None


class PhoneField(forms.CharField):
    """A form field that takes a phone number as people write it and cleans it to E.164."""

    widget = PhoneInput

    def to_python(self, value):
        return parse(super().to_python(value))
