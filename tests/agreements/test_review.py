import pytest
from django.core.exceptions import PermissionDenied

from agreements import services
from agreements.models import Agreement, ReviewComment
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import TransitionNotAllowed
from tests.agreements.conftest import VALUES


def edited(agreement, text="Changed wording."):
    sections = agreement.latest_version().sections
    sections[0]["body_en"] = text
    return sections


def test_submit_for_review_moves_draft_to_in_review(agreement, organizer):
    services.submit_for_review(agreement=agreement, user=organizer)

    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_REVIEW
    assert AuditEvent.objects.for_object(agreement).filter(summary="status: draft → in_review").count() == 1


def test_approve_refused_from_draft(agreement, admin):
    with pytest.raises(TransitionNotAllowed):
        services.approve(agreement=agreement, user=admin)

    agreement.refresh_from_db()
    assert (agreement.status, agreement.approved_version) == (Agreement.Status.DRAFT, None)


def test_approve_records_the_latest_version(agreement, organizer, admin):
    services.save_draft(agreement=agreement, sections=edited(agreement), values=VALUES, user=organizer)
    services.submit_for_review(agreement=agreement, user=organizer)

    services.approve(agreement=agreement, user=admin, version=2)

    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.APPROVED
    assert agreement.approved_version == agreement.versions.get(number=2)


def test_approve_refuses_a_stale_version(agreement, organizer, admin):
    services.save_draft(agreement=agreement, sections=edited(agreement), values=VALUES, user=organizer)
    services.submit_for_review(agreement=agreement, user=organizer)

    with pytest.raises(services.AgreementError) as error:
        services.approve(agreement=agreement, user=admin, version=1)

    assert error.value.messages == ["A newer version was saved while you reviewed: review version 2."]
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_REVIEW


@pytest.mark.parametrize("who", ["organizer", "legal", "other_admin"])
def test_approve_only_by_an_admin_of_the_organization(agreement, organizer, who, request):
    services.submit_for_review(agreement=agreement, user=organizer)

    with pytest.raises(PermissionDenied):
        services.approve(agreement=agreement, user=request.getfixturevalue(who))

    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_REVIEW


def test_request_changes_records_the_comment_then_resubmit(agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)

    comment = services.request_changes(
        agreement=agreement, comment=" Name the plant. ", component="parties_sites", user=admin
    )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.CHANGES_REQUESTED
    assert (comment.text, comment.component, comment.version.number) == (
        "Name the plant.",
        "parties_sites",
        1,
    )

    services.save_draft(agreement=agreement, sections=edited(agreement), values=VALUES, user=organizer)
    services.submit_for_review(agreement=agreement, user=organizer)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_REVIEW


def test_request_changes_needs_a_comment(agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)

    with pytest.raises(services.AgreementError) as error:
        services.request_changes(agreement=agreement, comment="  ", user=admin)

    assert error.value.messages == ["Say what should change."]
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_REVIEW
    assert ReviewComment.objects.count() == 0


def test_request_changes_only_by_admin(agreement, organizer):
    services.submit_for_review(agreement=agreement, user=organizer)

    with pytest.raises(PermissionDenied):
        services.request_changes(agreement=agreement, comment="No.", user=organizer)


def test_submit_refused_when_approved(agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    services.approve(agreement=agreement, user=admin)

    with pytest.raises(TransitionNotAllowed):
        services.submit_for_review(agreement=agreement, user=organizer)


def test_editing_an_approved_agreement_sends_it_back_to_review(agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    services.approve(agreement=agreement, user=admin)

    version = services.save_draft(
        agreement=agreement, sections=edited(agreement), values=VALUES, user=organizer
    )

    agreement.refresh_from_db()
    assert version.number == 2
    assert agreement.status == Agreement.Status.IN_REVIEW
    assert agreement.approved_version is None
    assert (
        AuditEvent.objects.for_object(agreement).filter(summary="status: approved → in_review").count() == 1
    )


def test_review_queue_lists_only_agreements_in_review(agreement, site, template, organizer, admin):
    other = services.create_agreement(worksite=site, template=template, values=VALUES, user=organizer)
    services.submit_for_review(agreement=agreement, user=organizer)

    assert list(Agreement.objects.for_user(admin).review_queue()) == [agreement]
    assert other.status == Agreement.Status.DRAFT
