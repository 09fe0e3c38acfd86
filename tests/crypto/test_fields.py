import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from power_campaign.accounts.models import User
from power_campaign.audit.models import AuditEvent
from power_campaign.crypto.fields import DecryptionError, EncryptedDateField, multifernet
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def raw_phone(user):
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE id = %s", [user.pk])
        return cursor.fetchone()[0]


def test_phone_is_encrypted_at_rest_and_read_back_plain(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    user = UserFactory(phone="+1 312 555 0199")
    stored = raw_phone(user)
    assert "555" not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert Fernet(KEY_A).decrypt(stored.encode()) == b"+1 312 555 0199"
    assert User.objects.get(pk=user.pk).phone == "+1 312 555 0199"


def test_empty_value_stays_empty(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    user = UserFactory(phone="")
    assert raw_phone(user) == ""
    assert User.objects.get(pk=user.pk).phone == ""


def test_same_value_encrypts_differently_each_time(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    first, second = UserFactory(phone="+1 312 555 0199"), UserFactory(phone="+1 312 555 0199")
    assert raw_phone(first) != raw_phone(second)


def test_wrong_key_raises_a_clear_error_not_garbage(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    user = UserFactory(phone="+1 312 555 0199")
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    with pytest.raises(DecryptionError) as error:
        User.objects.get(pk=user.pk)
    assert str(error.value) == (
        "Cannot decrypt accounts.User.phone: none of the keys in FIELD_ENCRYPTION_KEYS matches this value. "
        "Add the key it was written with."
    )


def test_plain_length_limit_is_validated(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    user = UserFactory.build(phone="1" * 41)
    with pytest.raises(Exception) as error:
        user.full_clean(exclude=["password", "username"])
    assert error.value.message_dict["phone"] == ["Ensure this value has at most 40 characters (it has 41)."]


def test_encrypted_columns_cannot_be_searched():
    with pytest.raises(Exception, match="Unsupported lookup 'icontains'"):
        list(User.objects.filter(phone__icontains="555"))


def test_rotation_reencrypts_with_the_first_key(settings, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    user = UserFactory(phone="+1 312 555 0199")
    UserFactory(phone="")
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    call_command("rotate_encryption_keys")
    assert "accounts.User.phone: 1 value(s) re-encrypted" in capsys.readouterr().out
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    assert User.objects.get(pk=user.pk).phone == "+1 312 555 0199"
    assert Fernet(KEY_B).decrypt(raw_phone(user).encode()) == b"+1 312 555 0199"
    assert AuditEvent.objects.get().summary == "field-encryption keys rotated: 1 value(s) re-encrypted"


def test_rotation_without_the_old_key_fails_and_changes_nothing(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    user = UserFactory(phone="+1 312 555 0199")
    before = raw_phone(user)
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    with pytest.raises(CommandError, match=rf"accounts.User.phone row {user.pk}: no key"):
        call_command("rotate_encryption_keys")
    assert raw_phone(user) == before


def test_encrypted_date_round_trips(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    field = EncryptedDateField()
    token = field.get_prep_value(datetime.date(1990, 5, 17))
    assert "1990" not in token
    assert field.from_db_value(token, None, connection) == datetime.date(1990, 5, 17)


def test_the_keys_are_prepared_once_and_again_when_they_change(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    first = multifernet()
    assert multifernet() is first  # not made again for every value read
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    rotated = multifernet()
    assert rotated is not first
    assert Fernet(KEY_B).decrypt(rotated.encrypt(b"x")) == b"x"  # the first key encrypts
