"""Per-section review comment threads: admins and drafters comment without changing the status."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, ReviewComment
from power_campaign.audit.models import AuditEvent


def comment(agreement, user, text="Name the plant.", component="parties_sites"):
    return services.add_review_comment(agreement=agreement, component=component, text=text, user=user)


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested", "approved"])
def test_comment_keeps_the_status(agreement, organizer, status):
    Agreement.objects.filter(pk=agreement.pk).update(status=status)
    agreement.refresh_from_db()

    added = comment(agreement, organizer, text="  Name the plant.  ")

    agreement.refresh_from_db()
    assert agreement.status == status
    assert (added.text, added.component, added.version.number, added.author) == (
        "Name the plant.",
        "parties_sites",
        1,
        organizer,
    )
    assert AuditEvent.objects.for_object(agreement).order_by("sequence").last().summary == (
        "review comment on version 1, section parties_sites"
    )


def test_comment_on_the_whole_agreement(agreement, admin):
    added = comment(agreement, admin, component="")

    assert added.component == ""
    assert AuditEvent.objects.for_object(agreement).order_by("sequence").last().summary == (
        "review comment on version 1, the whole agreement"
    )


@pytest.mark.parametrize("status", ["out_for_signature", "active", "expired", "terminated"])
def test_comment_refused_once_the_text_is_final(agreement, organizer, status):
    Agreement.objects.filter(pk=agreement.pk).update(status=status)
    agreement.refresh_from_db()

    with pytest.raises(services.AgreementError):
        comment(agreement, organizer)

    assert ReviewComment.objects.count() == 0


def test_comment_refused_on_a_section_the_text_lacks(agreement, organizer):
    with pytest.raises(services.AgreementError) as error:
        comment(agreement, organizer, component="nonexistent")

    assert error.value.messages == ["Choose a section of this agreement."]


def test_comment_refused_to_another_organization(agreement, other_admin):
    with pytest.raises(PermissionDenied):
        comment(agreement, other_admin)


def test_comment_page_adds_the_comment(client, legal, agreement):
    client.force_login(legal)

    response = client.post(
        reverse("agreements:agreement_comment", args=[agreement.uuid]),
        {"comment-component": "privacy", "comment-text": "Add the retention period."},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{agreement.get_absolute_url()}#comments-heading"
    added = ReviewComment.objects.get()
    assert (added.component, added.text, added.author) == ("privacy", "Add the retention period.", legal)
    agreement.refresh_from_db()
    assert agreement.status == "draft"


def test_comment_page_without_text_shows_the_error(client, organizer, agreement):
    client.force_login(organizer)

    response = client.post(
        reverse("agreements:agreement_comment", args=[agreement.uuid]),
        {"comment-component": "privacy", "comment-text": ""},
    )

    assert response.status_code == 200
    assert response.context["comment_form"].errors == {"text": ["This field is required."]}
    assert ReviewComment.objects.count() == 0


def test_comment_page_on_an_active_agreement_goes_back(client, organizer, active_agreement):
    client.force_login(organizer)

    response = client.post(
        reverse("agreements:agreement_comment", args=[active_agreement.uuid]),
        {"comment-component": "", "comment-text": "Too late."},
        follow=True,
    )

    assert response.redirect_chain == [(active_agreement.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Comments are closed while the agreement is “Active”."
    ]
    assert ReviewComment.objects.count() == 0


def test_agreement_page_shows_threads_per_section_in_the_text_order(client, organizer, admin, agreement):
    comment(agreement, admin, text="Which plants?", component="privacy")
    comment(agreement, organizer, text="Overall fine.", component="")
    comment(agreement, organizer, text="Add the retention period.", component="privacy")
    services.submit_for_review(agreement=agreement, user=organizer)
    services.request_changes(
        agreement=agreement, comment="Name the plant.", component="parties_sites", user=admin
    )
    client.force_login(organizer)

    response = client.get(agreement.get_absolute_url())

    threads = [(code, label, [c.text for c in thread]) for code, label, thread in response.context["threads"]]
    assert threads == [
        ("", "The whole agreement", ["Overall fine."]),
        ("parties_sites", "Parties, sites and term", ["Name the plant."]),
        ("privacy", "Privacy of employee data", ["Which plants?", "Add the retention period."]),
    ]
    html = response.content.decode()
    assert '<a href="?comment_on=privacy#comment-form">Reply in this thread</a>' in html


def test_agreement_page_preselects_the_section_to_reply_to(client, organizer, agreement):
    client.force_login(organizer)

    response = client.get(f"{agreement.get_absolute_url()}?comment_on=privacy")

    assert response.context["comment_form"]["component"].value() == "privacy"


def test_agreement_page_has_no_comment_form_once_active(client, organizer, active_agreement):
    client.force_login(organizer)

    response = client.get(active_agreement.get_absolute_url())

    assert response.context["comment_form"] is None
    assert 'id="comment-form"' not in response.content.decode()
