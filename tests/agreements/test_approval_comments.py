"""Approval over review comments nobody acted on: comments made on the very version being approved (the
drafters made no new version since) are shown to the administrator, who confirms having read them."""

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Agreement
from power_campaign.audit.models import AuditEvent
from power_campaign.transitions import TransitionNotAllowed
from tests.agreements.conftest import VALUES

WARNING_ID = 'id="unanswered-comments"'
CONFIRM_ERROR = "Confirm that you have read the review comments on this version, then approve."


def comment(agreement, user, text, component=""):
    return services.add_review_comment(agreement=agreement, component=component, text=text, user=user)


def new_version(agreement, user):
    sections = agreement.latest_version().sections
    sections[0]["body_en"] = "This agreement is between Acme Poultry and Local 705, for the Cicero plant."
    return services.save_draft(agreement=agreement, sections=sections, values=VALUES, user=user)


def approvals(agreement):
    return AuditEvent.objects.for_object(agreement).filter(summary__contains=" approved ").count()


@pytest.fixture
def commented(agreement, organizer, admin, clock):
    """In review, version 1, with two comments on version 1: one on the whole agreement, a request for
    changes on a section; the organizer sent it back for review without changing the text."""
    comment(agreement, organizer, "Overall fine.")
    services.submit_for_review(agreement=agreement, user=organizer)
    services.request_changes(
        agreement=agreement, comment="Add the retention period.", component="privacy", user=admin
    )
    services.submit_for_review(agreement=agreement, user=organizer)
    agreement.refresh_from_db()
    return agreement


def approve_url(agreement):
    return reverse("agreements:agreement_approve", args=[agreement.uuid])


# The service


def test_approve_refuses_comments_on_the_version_not_confirmed(commented, admin):
    with pytest.raises(services.AgreementError) as error:
        services.approve(agreement=commented, user=admin, version=1)

    assert error.value.messages == [
        "2 review comments were made on version 1 and the text has not changed since: confirm that you have "
        "read them, then approve."
    ]
    commented.refresh_from_db()
    assert (commented.status, commented.approved_version) == (Agreement.Status.IN_REVIEW, None)
    assert approvals(commented) == 0


def test_approve_refuses_one_comment_not_confirmed_in_the_singular(agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    comment(agreement, admin, "Check the dates.")

    with pytest.raises(services.AgreementError) as error:
        services.approve(agreement=agreement, user=admin)

    assert error.value.messages == [
        "1 review comment was made on version 1 and the text has not changed since: confirm that you have "
        "read it, then approve."
    ]
    assert error.value.code == "unread_comments"


def test_approve_with_the_comments_confirmed(commented, admin):
    services.approve(agreement=commented, user=admin, version=1, comments_read=2)

    commented.refresh_from_db()
    assert commented.status == Agreement.Status.APPROVED
    assert commented.approved_version == commented.versions.get(number=1)
    assert approvals(commented) == 1


def test_approve_refuses_when_more_comments_were_made_than_confirmed(commented, organizer, admin):
    comment(commented, organizer, "One more thing.")

    with pytest.raises(services.AgreementError) as error:
        services.approve(agreement=commented, user=admin, version=1, comments_read=2)

    assert error.value.messages == [
        "3 review comments were made on version 1 and the text has not changed since: confirm that you have "
        "read them, then approve."
    ]
    commented.refresh_from_db()
    assert commented.status == Agreement.Status.IN_REVIEW
    assert approvals(commented) == 0


def test_approve_ignores_comments_on_earlier_versions(agreement, organizer, admin):
    comment(agreement, organizer, "Name the plant.", component="parties_sites")
    services.submit_for_review(agreement=agreement, user=organizer)
    services.request_changes(agreement=agreement, comment="Name the plant, please.", user=admin)
    new_version(agreement, organizer)
    services.submit_for_review(agreement=agreement, user=organizer)

    services.approve(agreement=agreement, user=admin, version=2)

    agreement.refresh_from_db()
    assert (agreement.status, agreement.approved_version.number) == (Agreement.Status.APPROVED, 2)


def test_approve_of_a_draft_with_comments_is_refused_for_its_status(agreement, organizer, admin):
    comment(agreement, organizer, "Overall fine.")

    with pytest.raises(TransitionNotAllowed):
        services.approve(agreement=agreement, user=admin)


# The agreement page


def test_agreement_page_warns_the_admin_of_the_comments_on_this_version(client, commented, admin):
    client.force_login(admin)

    response = client.get(commented.get_absolute_url())

    html = response.content.decode()
    assert response.context["approve_form"].comment_count == 2
    assert html.count(WARNING_ID) == 1
    assert (
        "<p>2 review comments were made on version 1, and the text has not changed since. Read them before "
        "you approve the text as it is, or request changes.</p>"
    ) in html
    assert (
        '<li><strong>The whole agreement</strong> · Ana Torres, <time datetime="2026-06-05T10:00:00-05:00">'
        "June 5, 2026, 10:00 a.m. CDT</time>: Overall fine.</li>"
    ) in html
    assert (
        '<li><strong>Privacy of employee data</strong> · Ana Torres, '
        '<time datetime="2026-06-05T10:00:00-05:00">June 5, 2026, 10:00 a.m. CDT</time>: '
        "Add the retention period.</li>"
    ) in html
    assert '<input type="hidden" name="comments" value="2">' in html
    assert (
        '<label for="id_approve-comments_read">'
        "I have read the 2 comments on this version and approve the text as it is.</label>"
    ) in html


def test_agreement_page_names_one_comment_in_the_singular(client, agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    comment(agreement, admin, "Check the dates.")
    client.force_login(admin)

    html = client.get(agreement.get_absolute_url()).content.decode()

    assert (
        "<p>1 review comment was made on version 1, and the text has not changed since. Read it before you "
        "approve the text as it is, or request changes.</p>"
    ) in html
    assert "I have read the 1 comment on this version and approve the text as it is." in html


def test_agreement_page_has_no_warning_without_comments(client, agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    client.force_login(admin)

    response = client.get(agreement.get_absolute_url())

    html = response.content.decode()
    assert response.context["approve_form"].comment_count == 0
    assert list(response.context["approve_form"].fields) == []
    assert WARNING_ID not in html
    assert 'name="comments"' not in html
    assert "Approve version 1" in html


def test_agreement_page_has_no_warning_for_comments_on_an_earlier_version(
    client, agreement, organizer, admin
):
    comment(agreement, organizer, "Name the plant.", component="parties_sites")
    new_version(agreement, organizer)
    services.submit_for_review(agreement=agreement, user=organizer)
    client.force_login(admin)

    response = client.get(agreement.get_absolute_url())

    html = response.content.decode()
    assert response.context["approve_form"].comment_count == 0
    assert WARNING_ID not in html
    assert "Name the plant." in html  # still in the review comments, marked version 1
    assert "Approve version 2" in html


def test_agreement_page_has_no_warning_for_the_organizer(client, commented, organizer):
    client.force_login(organizer)

    response = client.get(commented.get_absolute_url())

    assert response.context["approve_form"] is None
    assert WARNING_ID not in response.content.decode()


# Approving from the page


def test_approve_page_without_the_confirmation_shows_the_error_and_approves_nothing(client, commented, admin):
    client.force_login(admin)

    response = client.post(approve_url(commented), {"version": "1", "comments": "2"})

    assert response.status_code == 200
    assert response.context["approve_form"].errors == {"comments_read": [CONFIRM_ERROR]}
    html = response.content.decode()
    assert f'<p class="error" id="id_approve-comments_read_error">{CONFIRM_ERROR} </p>' in html
    assert html.count(WARNING_ID) == 1
    commented.refresh_from_db()
    assert (commented.status, commented.approved_version) == (Agreement.Status.IN_REVIEW, None)
    assert approvals(commented) == 0


def test_approve_page_with_the_confirmation_approves(client, commented, admin):
    client.force_login(admin)

    response = client.post(
        approve_url(commented), {"version": "1", "comments": "2", "approve-comments_read": "on"}, follow=True
    )

    assert response.redirect_chain == [(commented.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Agreement approved."]
    commented.refresh_from_db()
    assert (commented.status, commented.approved_version.number) == (Agreement.Status.APPROVED, 1)
    assert approvals(commented) == 1


def test_approve_page_refuses_a_confirmation_older_than_a_new_comment(client, commented, organizer, admin):
    comment(commented, organizer, "One more thing.")  # made after the administrator's page listed two
    client.force_login(admin)

    response = client.post(
        approve_url(commented), {"version": "1", "comments": "2", "approve-comments_read": "on"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "3 review comments were made on version 1 and the text has not changed since: confirm that you have "
        "read them, then approve."
    ]
    assert response.context["approve_form"].comment_count == 3
    commented.refresh_from_db()
    assert commented.status == Agreement.Status.IN_REVIEW
    assert approvals(commented) == 0


def test_approve_page_asks_to_confirm_a_comment_made_after_it_was_loaded(client, agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    comment(agreement, organizer, "Wait.")  # the administrator's page had no comments, hence no box
    client.force_login(admin)

    response = client.post(approve_url(agreement), {"version": "1"})

    assert response.status_code == 200
    assert response.context["approve_form"].errors == {"comments_read": [CONFIRM_ERROR]}
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_REVIEW
    assert approvals(agreement) == 0


def test_approve_page_without_comments_needs_no_confirmation(client, agreement, organizer, admin):
    services.submit_for_review(agreement=agreement, user=organizer)
    client.force_login(admin)

    response = client.post(approve_url(agreement), {"version": "1"})

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.APPROVED
    assert approvals(agreement) == 1


def test_approve_page_of_a_draft_with_comments_says_its_status(client, agreement, organizer, admin):
    comment(agreement, organizer, "Overall fine.")
    client.force_login(admin)

    response = client.post(approve_url(agreement), {"version": "1"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Neutrality agreement: cannot go from “Draft” to “Approved”."
    ]
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT
