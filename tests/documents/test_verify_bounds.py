"""The public verification page under bad input: every file gets a 200 with a clear state, the work is
bounded (revisions, processor time), and anonymous visitors are throttled per address."""

import pytest
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from power_campaign.documents.signing import CannotCheck, check_signature, count_revisions, sign_pdf
from tests.documents import broken_pdfs
from tests.factories import simple_pdf, upload

pytestmark = pytest.mark.django_db

STATES = {"valid", "modified", "foreign", "unsigned", "unreadable", "uncheckable"}
REASON_TEXT = {
    "revisions": (
        "It was changed more times after it was made than this page checks (more than 50 revisions)."
    ),
    "malformed": "Its signature is not built the way the PDF standard requires (the signature dictionary is damaged).",  # noqa: E501
    "too_slow": "Checking it would take longer than this page allows.",
}


@pytest.fixture(scope="module")
def signed(signing_pkcs12):
    from django.test import override_settings

    from tests.conftest import SIGNING_PASSPHRASE

    with override_settings(
        SIGNING_PKCS12_PATH=str(signing_pkcs12), SIGNING_PKCS12_PASSPHRASE=SIGNING_PASSPHRASE
    ):
        return sign_pdf(simple_pdf(), reason="test")


def verify(client, data, **extra):
    return client.post(reverse("verify"), {"file": upload("checked.pdf", data)}, **extra)


def result_of(response):
    assert response.status_code == 200
    return response.context["result"]


def test_signed_file_used_by_these_tests_is_valid(client, signed):
    assert result_of(verify(client, signed))["state"] == "valid"


def test_thousands_of_incremental_updates_are_refused_before_parsing(client, signed):
    data = broken_pdfs.incremental_updates(signed, 3000)
    assert count_revisions(data) == 3002  # the cheap count that refuses it: two revisions signed, 3000 added

    response = verify(client, data)

    result = result_of(response)
    assert (result["state"], result["reason"]) == ("uncheckable", "revisions")
    assert REASON_TEXT["revisions"] in response.content.decode()
    assert AuditEvent.objects.get(action="verify").summary == (
        f"verification: uncheckable (revisions); sha256 {result['sha256']}; no record"
    )


def test_revisions_found_only_through_the_prev_chain_are_counted_too(client, signed):
    data = broken_pdfs.incremental_updates(signed, 60, marked=False)
    assert count_revisions(data) == 3

    result = result_of(verify(client, data))

    assert (result["state"], result["reason"]) == ("uncheckable", "revisions")


def test_updates_within_the_limit_are_checked_and_shown_as_modified(client, signed):
    result = result_of(verify(client, broken_pdfs.incremental_updates(signed, 48)))
    assert (result["state"], result["reason"]) == ("modified", "")


def test_revision_limit_comes_from_the_settings(client, signed, settings):
    settings.VERIFY_MAX_REVISIONS = 2
    result = result_of(verify(client, broken_pdfs.incremental_updates(signed, 1)))
    assert (result["state"], result["reason"]) == ("uncheckable", "revisions")


def spin(pdf_bytes, ours, limit):
    """A check that never ends by itself (the real one may end before the kernel's profiling timer,
    which has a few milliseconds of granularity, fires)."""
    import time

    give_up = time.monotonic() + 30
    while time.monotonic() < give_up:
        pass
    return "ran to the end"


def test_a_check_is_stopped_when_it_uses_up_its_processor_time(client, signed, settings, monkeypatch):
    from power_campaign.documents import signing

    monkeypatch.setattr(signing, "_check", spin)
    settings.VERIFY_CPU_SECONDS = 0.05

    response = verify(client, signed)

    result = result_of(response)
    assert (result["state"], result["reason"]) == ("uncheckable", "too_slow")
    assert REASON_TEXT["too_slow"] in response.content.decode()


def test_the_processor_time_bound_holds_in_this_process_too(signed, monkeypatch):
    """Without fork the check runs here, under the same timer."""
    from power_campaign.documents import signing

    monkeypatch.setattr(signing, "_check", spin)
    outcome = signing._bounded_check(signed, signing.signing_certificate(), 50, 0.05)
    assert (type(outcome), outcome.reason) == (CannotCheck, "too_slow")


@pytest.mark.parametrize(
    "byte_range",
    [
        b"/ByteRange [0 1 2]",  # three numbers
        b"/ByteRange [0 1 2 3 4]",  # five
        b"/ByteRange 5",  # not an array
        b"/ByteRange (0 1 2 3)",  # a string
        b"/ByteRange [0 a 2 3]",  # not a number
        b"/ByteRange [0 1.5 2 3]",  # not an integer
        b"/ByteRange [-5 10 20 30]",  # negative
        b"/ByteRange [0 500 400 10]",  # overlapping
        b"/ByteRange [0 1 2 999999999]",  # past the end of the file
        b"/ByteRange [7 10 20 30]",  # not from the start
        b"/ByteRange []",
        b"/ByteRange 9999 0 R",  # a reference to nothing
        b"/ByteRange [/A /B /C /D]",
    ],
)
def test_a_malformed_byte_range_cannot_be_checked(client, signed, byte_range):
    response = verify(client, broken_pdfs.with_byte_range(signed, byte_range))
    result = result_of(response)
    assert (result["state"], result["reason"]) == ("uncheckable", "malformed")
    assert REASON_TEXT["malformed"] in response.content.decode()


@pytest.mark.parametrize(
    "contents", [b"/Contents 5", b"/Contents []", b"/Contents /Name", b"/Contents (abc)", b"/Contents <>"]
)
def test_a_malformed_contents_cannot_be_checked(client, signed, contents):
    result = result_of(verify(client, broken_pdfs.with_contents(signed, contents)))
    assert (result["state"], result["reason"]) == ("uncheckable", "malformed")


def test_a_signature_without_filter_cannot_be_checked(client, signed):
    result = result_of(verify(client, broken_pdfs.without_filter(signed)))
    assert (result["state"], result["reason"]) == ("uncheckable", "malformed")


def test_a_looping_prev_chain_gets_an_answer(client, signed):
    result = result_of(verify(client, broken_pdfs.looping_prev(signed)))
    assert result["state"] in STATES


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_a_truncated_signed_file_gets_a_clear_answer(client, signed, fraction):
    result = result_of(verify(client, broken_pdfs.truncated(signed, fraction)))
    assert result["state"] in STATES - {"valid"}


@pytest.mark.parametrize("every", [7, 31, 97, 211, 499, 1009, 4001])
def test_a_bit_flipped_signed_file_gets_a_clear_answer(client, signed, every):
    result = result_of(verify(client, broken_pdfs.bit_flipped(signed, every)))
    assert result["state"] in STATES - {"valid"}


def test_check_signature_raises_only_cannot_check_for_broken_files(signed):
    for data in (b"", b"%PDF-", b"%PDF-1.7\n" + b"\xff" * 64, broken_pdfs.truncated(signed, 0.5)):
        with pytest.raises(CannotCheck) as error:
            check_signature(data)
        assert error.value.reason in CannotCheck.REASONS


# Throttling


def test_page_says_there_is_a_limit(client):
    text = client.get(reverse("verify")).content.decode()
    assert "To keep this page available to everyone, each visitor can check 10 documents a minute." in text


def test_anonymous_verifications_are_throttled_per_address(client, settings):
    settings.VERIFY_PER_MINUTE_ANONYMOUS = 2
    sha256 = "a" * 64
    for _ in range(2):
        assert client.get(reverse("verify"), {"sha256": sha256}).status_code == 200

    refused = client.get(reverse("verify"), {"sha256": sha256})
    other_address = client.get(reverse("verify"), {"sha256": sha256}, REMOTE_ADDR="192.0.2.7")

    assert refused.status_code == 429
    assert (
        "Too many checks from your connection in the last minute. Wait a minute, then try again."
        in refused.content.decode()
    )
    assert refused.context["result"] is None
    assert other_address.status_code == 200
    assert AuditEvent.objects.filter(action="verify").count() == 3


def test_throttled_message_is_in_spanish(client, settings):
    settings.VERIFY_PER_MINUTE_ANONYMOUS = 1
    client.get(reverse("verify"), {"sha256": "a" * 64})
    refused = client.get(reverse("verify"), {"sha256": "a" * 64}, HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 429
    assert "Demasiadas comprobaciones desde su conexión en el último minuto." in refused.content.decode()


def test_signed_in_users_have_their_own_higher_limit(client, settings, organizer):
    settings.VERIFY_PER_MINUTE_ANONYMOUS = 1
    settings.VERIFY_PER_MINUTE_SIGNED_IN = 3
    client.force_login(organizer)
    statuses = [client.get(reverse("verify"), {"sha256": "b" * 64}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_throttle_counts_per_minute_window():
    from power_campaign import throttle

    assert [throttle.allow("test", "k", 2, now=120.0) for _ in range(3)] == [True, True, False]
    assert throttle.allow("test", "k", 2, now=180.0) is True  # the next minute starts afresh
    assert throttle.allow("test", "other", 2, now=120.0) is True


def test_a_verification_limit_that_is_not_positive_is_refused_at_start_up(tmp_path):
    from tests.test_settings import run_manage

    result = run_manage(tmp_path, "check", VERIFY_PER_MINUTE_ANONYMOUS="0")
    assert result.returncode == 1
    assert "VERIFY_PER_MINUTE_ANONYMOUS must be a number greater than 0 (it is 0)." in result.stderr
