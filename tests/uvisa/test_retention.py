"""Closing a case, legal holds, and `manage.py purge_closed_uvisa` (dry run, confirmation, legal hold,
files removed from storage, tombstone, audit event)."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent
from power_campaign.documents.api import Document, Packet, create_packet, reference_of, store_document
from tests.cases.factories import IncidentFactory
from tests.uvisa.factories import CertificationRequestFactory, ClientCaseFactory
from uvisa import retention
from uvisa.models import ClientCase, Declaration, FamilyMember, Screening

LONG_AGO = timezone.now() - datetime.timedelta(days=365 * 8)


@pytest.fixture
def closed(organization, site, legal):
    """A case closed eight years ago, with identity, family, screening, a request, a document and a packet."""
    case = ClientCaseFactory(
        organization=organization,
        worksite=site,
        created_by=legal,
        status="closed",
        closed_at=LONG_AGO,
        client_name="Ana Reyes",
        other_names="Ana R.",
        date_of_birth=datetime.date(1990, 5, 1),
        a_number="A123456789",
        harm_narrative="What happened",
        crime_city="Chicago",
        crime_state="IL",
        harm_types=["threats"],
    )
    case.incidents.add(IncidentFactory(worksite=site, created_by=legal))
    FamilyMember.objects.create(case=case, name="Rosa Reyes", relationship="child")
    Declaration.objects.create(
        case=case, language="Spanish", text="Lo que pasó", translation="What happened", updated_by=legal
    )
    Screening.objects.create(case=case, harm="met", harm_reason="Bruises", updated_by=legal)
    CertificationRequestFactory(case=case, contact_name="Det. Smith")
    store_document(
        organization=organization,
        kind="notice",
        title="Declaration",
        pdf=b"%PDF-1.4 declaration",
        signed=False,
        language="en",
        user=legal,
        subject=reference_of(case),
        access="legal",
    )
    packet = create_packet(
        organization=organization,
        title="Request packet",
        bates_prefix="UV",
        access="legal",
        language="en",
        user=legal,
        subject=reference_of(case),
    )
    packet.archive.save("packet.zip", ContentFile(b"PK zip"))
    return case


def files_of(case):
    return [d.file.name for d in Document.objects.filter(subject=reference_of(case))] + [
        p.archive.name for p in Packet.objects.filter(subject=reference_of(case))
    ]


def run(*args, answer=None, monkeypatch=None):
    out = io.StringIO()
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    call_command("purge_closed_uvisa", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_what_would_be_removed_and_changes_nothing(closed):
    files = files_of(closed)
    output = run("--older-than", "7", "--dry-run")
    assert f"{closed.code} (Local 12), closed {LONG_AGO.date().isoformat()}: " in output
    assert (
        "fields 8, family_members 1, declarations 1, links 1, documents 1, packets 1, exhibits 0, files 2"
    ) in output
    assert all(f"  file {name}" in output for name in files)
    assert output.endswith("Dry run: 1 case(s) would be purged. Nothing was changed.\n")
    closed.refresh_from_db()
    assert (closed.client_name, closed.purged_at) == ("Ana Reyes", None)
    assert all(default_storage.exists(name) for name in files)
    assert not AuditEvent.objects.filter(summary__startswith="purged").exists()


def test_purge_asks_for_confirmation_and_a_no_changes_nothing(closed, monkeypatch):
    output = run("--older-than", "7", answer="no", monkeypatch=monkeypatch)
    assert output.endswith("Cancelled. Nothing was changed.\n")
    closed.refresh_from_db()
    assert closed.client_name == "Ana Reyes"


def test_purge_empties_identity_keeps_a_tombstone_removes_files_and_is_audited(
    closed, monkeypatch, django_capture_on_commit_callbacks
):
    files = files_of(closed)
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--older-than", "7", answer="yes", monkeypatch=monkeypatch)
    assert output.endswith("Purged 1 case(s).\n")
    case = ClientCase.objects.get(pk=closed.pk)
    assert (case.client_name, case.other_names, case.date_of_birth, case.a_number) == ("", "", None, "")
    assert (case.harm_narrative, case.crime_city) == ("", "")
    assert (case.status, case.crime_state, case.harm_types) == (
        "closed",
        "IL",
        ["threats"],
    )  # not identifying
    assert case.purged_at is not None
    assert case.purge_counts == {
        "fields": 8,
        "family_members": 1,
        "declarations": 1,
        "links": 1,
        "documents": 1,
        "packets": 1,
        "exhibits": 0,
        "files": 2,
    }
    assert FamilyMember.objects.filter(case=case).count() == 0
    assert Declaration.objects.filter(case=case).count() == 0
    assert case.incidents.count() == 0
    assert Screening.objects.get(case=case).harm_reason == ""
    assert (case.requests.get().contact_name, case.requests.get().agency.code) == ("", "dol_whd")
    assert Document.objects.filter(subject=reference_of(case)).count() == 0
    assert Packet.objects.filter(subject=reference_of(case)).count() == 0
    assert [default_storage.exists(name) for name in files] == [False, False]
    event = AuditEvent.objects.for_object(case).get(action="delete")
    assert event.summary == (
        "purged: fields 8, family_members 1, declarations 1, links 1, "
        "documents 1, packets 1, exhibits 0, files 2"
    )
    assert event.organization == case.organization


def test_purge_with_yes_does_not_ask(closed):
    output = run("--older-than", "7", "--yes")
    assert output.endswith("Purged 1 case(s).\n")
    closed.refresh_from_db()
    assert closed.purged_at is not None


def test_purge_leaves_open_recent_held_and_already_purged_cases_alone(closed, organization, legal):
    recent = ClientCaseFactory(
        organization=organization,
        created_by=legal,
        status="closed",
        closed_at=timezone.now() - datetime.timedelta(days=365),
        client_name="Recent",
    )
    still_open = ClientCaseFactory(organization=organization, created_by=legal, client_name="Open")
    held = ClientCaseFactory(
        organization=organization,
        created_by=legal,
        status="closed",
        closed_at=LONG_AGO,
        client_name="Held",
        legal_hold=True,
        legal_hold_reason="Litigation",
    )
    output = run("--older-than", "7", "--yes")
    assert f"Under legal hold, kept: {held.code} (Local 12)" in output
    assert list(retention.purgeable(7)) == []
    for case, name in ((recent, "Recent"), (still_open, "Open"), (held, "Held")):
        case.refresh_from_db()
        assert (case.client_name, case.purged_at) == (name, None)
    assert run("--older-than", "7", "--yes").endswith("No closed case to purge.\n")


def test_a_case_under_legal_hold_is_never_purged_even_when_asked_directly(closed, admin):
    retention.set_legal_hold(case=closed, reason="Subpoena", user=admin)
    with pytest.raises(retention.RetentionError):
        retention.purge_case(case=closed)
    closed.refresh_from_db()
    assert (closed.client_name, closed.purged_at) == ("Ana Reyes", None)


def test_older_than_must_be_positive(db):
    with pytest.raises(CommandError):
        run("--older-than", "0")


# Closing and legal holds (views)


def test_closing_a_case_records_when_and_audits(client, case, legal):
    client.force_login(legal)
    response = client.post(reverse("uvisa:case_close", args=[case.uuid]))
    assert response["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert case.status == "closed"
    assert case.closed_at is not None
    assert AuditEvent.objects.for_object(case).filter(summary="case closed").count() == 1


def test_administrator_sets_and_lifts_a_legal_hold_audited_without_the_reason(client, case, admin):
    client.force_login(admin)
    url = reverse("uvisa:case_hold", args=[case.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url, {"hold": "on", "reason": "Pending lawsuit"})
    assert response["Location"] == case.get_absolute_url()
    case.refresh_from_db()
    assert (case.legal_hold, case.legal_hold_reason, case.legal_hold_set_by) == (
        True,
        "Pending lawsuit",
        admin,
    )
    client.post(url, {"reason": ""})
    case.refresh_from_db()
    assert (case.legal_hold, case.legal_hold_reason, case.legal_hold_set_by) == (False, "", None)
    summaries = list(
        AuditEvent.objects.for_object(case)
        .filter(action="update")
        .order_by("sequence")
        .values_list("summary", flat=True)
    )
    assert summaries == ["legal hold set", "legal hold lifted"]


def test_a_legal_hold_needs_a_reason_and_nothing_is_saved_without_one(client, case, admin):
    client.force_login(admin)
    response = client.post(reverse("uvisa:case_hold", args=[case.uuid]), {"hold": "on", "reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Give the reason for the legal hold."]}
    case.refresh_from_db()
    assert case.legal_hold is False


def test_legal_staff_cannot_set_a_legal_hold(client, case, legal):
    client.force_login(legal)
    response = client.post(reverse("uvisa:case_hold", args=[case.uuid]), {"hold": "on", "reason": "x"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.legal_hold is False


@pytest.mark.parametrize(
    ("stored", "spanish"),
    [
        ("case closed", "Caso cerrado"),
        ("legal hold set", "Retención legal establecida"),
        (
            "purged: fields 8, family_members 1, declarations 1, links 1, "
            "documents 1, packets 1, exhibits 0, files 2",
            "Depurado: 8 campos, 1 familiares, 1 declaraciones, "
            "1 vínculos con registros del lugar de trabajo, 1 documentos, "
            "1 paquetes, 0 anexos, 2 archivos",
        ),
        ("inventory of a person exported as JSON", "Inventario de una persona exportado (JSON)"),
    ],
)
def test_retention_summaries_are_shown_in_the_readers_language(case, legal, stored, spanish):
    event = AuditEvent.objects.record(action="update", actor=legal, obj=case, summary=stored)
    with translation.override("es"):
        assert translate_summary(event) == spanish


def test_a_case_put_on_hold_after_the_listing_is_skipped_and_named(closed, monkeypatch, admin):
    def answer(prompt):
        retention.set_legal_hold(case=ClientCase.objects.get(pk=closed.pk), reason="Subpoena", user=admin)
        return "yes"

    monkeypatch.setattr("builtins.input", answer)
    out, err = io.StringIO(), io.StringIO()
    call_command("purge_closed_uvisa", "--older-than", "7", stdout=out, stderr=err)
    assert out.getvalue().endswith("Purged 0 case(s).\n")
    assert err.getvalue() == (
        f"Not purged: {closed.code}: U-visa case {closed.code} is under legal hold and cannot be purged.\n"
    )
    closed.refresh_from_db()
    assert (closed.client_name, closed.purged_at) == ("Ana Reyes", None)


def test_a_closed_case_must_say_when_it_was_closed(organization, legal):
    case = ClientCaseFactory(organization=organization, created_by=legal)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientCase.objects.filter(pk=case.pk).update(status="closed")
    retention.close_case(case=case, user=legal, now=LONG_AGO)
    case.refresh_from_db()
    assert (case.status, case.closed_at) == ("closed", LONG_AGO)
