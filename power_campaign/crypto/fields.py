"""Model fields whose values are encrypted at rest with MultiFernet.

The column holds a Fernet token (text); Python code sees the plain value. The first key in
settings.FIELD_ENCRYPTION_KEYS encrypts, every key decrypts. A value that no key decrypts raises
DecryptionError naming the field: never silent garbage. Encrypted columns cannot be searched or
ordered meaningfully, so only `isnull` and exact-empty lookups are offered.
"""

import datetime
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.lookups import IsNull


class DecryptionError(Exception):
    pass


def multifernet():
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: encrypted fields cannot be read or written."
        )
    return _multifernet(tuple(keys))


@functools.lru_cache(maxsize=8)
def _multifernet(keys):
    """One MultiFernet per list of keys: made once, not for every value read (a list of cases reads
    thousands), and made again when the keys change (rotation, tests)."""
    return MultiFernet([Fernet(key) for key in keys])


class EncryptedMixin:
    """Serialises the Python value to text, encrypts it, and stores the token in a TextField."""

    def __init__(self, *args, **kwargs):
        self.plain_max_length = kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)
        if self.plain_max_length:
            from django.core.validators import MaxLengthValidator

            self.validators.append(MaxLengthValidator(self.plain_max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.plain_max_length:
            kwargs["max_length"] = self.plain_max_length
        return name, path, args, kwargs

    def get_internal_type(self):
        return "TextField"

    def to_text(self, value):
        return str(value)

    def from_text(self, text):
        return text

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None or value == "":
            return value
        return multifernet().encrypt(self.to_text(value).encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            plain = multifernet().decrypt(value.encode()).decode()
        except InvalidToken:
            raise DecryptionError(
                f"Cannot decrypt {self.model._meta.label}.{self.name}: none of the keys in "
                "FIELD_ENCRYPTION_KEYS matches this value. Add the key it was written with."
            ) from None
        return self.from_text(plain)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return IsNull
        return None


class EncryptedCharField(EncryptedMixin, models.TextField):
    """Short text (phone numbers, A-numbers). max_length applies to the plain value."""

    def formfield(self, **kwargs):
        from django import forms

        # One line, as a CharField's input: not the text box a TextField (its storage) would get.
        defaults = {"form_class": forms.CharField, "max_length": self.plain_max_length}
        defaults["widget"] = forms.TextInput
        defaults.update(kwargs)
        return super().formfield(**defaults)


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Long text (declarations, immigration notes)."""


class EncryptedDateField(EncryptedMixin, models.DateField):
    """A date (date of birth) stored as an encrypted ISO string."""

    def to_text(self, value):
        return value.isoformat()

    def from_text(self, text):
        return datetime.date.fromisoformat(text)

    def get_prep_value(self, value):
        return EncryptedMixin.get_prep_value(self, value)

    def get_db_prep_value(self, value, connection, prepared=False):
        return value if prepared else self.get_prep_value(value)


def encrypted_fields():
    """Every (model, field) pair in the project that stores encrypted values."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedMixin)
    ]
