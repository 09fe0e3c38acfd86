from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agreements import services
from agreements.models import Agreement, ReviewComment
from power_campaign.audit.models import AuditEvent
from tests.agreements.conftest import VALUES
from tests.cases.factories import WorksiteFactory


def form_data(agreement, **changes):
    data = dict(agreement.values)
    for index, section in enumerate(agreement.latest_version().sections):
        for key in ("heading_en", "heading_es", "body_en", "body_es"):
            data[f"s{index}_{key}"] = section[key]
    data.update(changes)
    return data


def test_agreement_create_page_drafts_the_first_version(client, organizer, site, template):
    client.force_login(organizer)
    data = dict(VALUES, template=template.pk, language="es")

    response = client.post(reverse("agreements:agreement_create", args=[site.uuid]), data)

    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response.url == agreement.get_absolute_url()
    assert (agreement.worksite, agreement.language, agreement.values) == (site, "es", VALUES)
    assert agreement.versions.count() == 1


def test_agreement_create_page_missing_value_shows_the_error(client, organizer, site, template):
    client.force_login(organizer)
    data = dict(VALUES, template=template.pk, language="en", union="")

    response = client.post(reverse("agreements:agreement_create", args=[site.uuid]), data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Fill in every placeholder: Union or worker organization."
    ]
    assert Agreement.objects.count() == 0


def test_agreement_create_page_takes_the_effective_date_as_a_date_or_none(client, organizer, site, template):
    client.force_login(organizer)
    url = reverse("agreements:agreement_create", args=[site.uuid])

    data = dict(VALUES, template=template.pk, language="es")
    refused = client.post(url, {**data, "effective_date": "next spring"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["effective_date"] == ["Enter a valid date."]
    assert Agreement.objects.count() == 0

    client.post(url, {**data, "effective_date": ""})

    agreement = Agreement.objects.get()
    assert agreement.values == {key: value for key, value in VALUES.items() if key != "effective_date"}
    assert "El acuerdo entra en vigor el día en que ambas partes lo hayan firmado" in (
        agreement.latest_version().sections[0]["body_es"]
    )


def test_agreement_edit_page_saves_a_new_version(client, organizer, agreement):
    client.force_login(organizer)

    response = client.post(
        reverse("agreements:agreement_edit", args=[agreement.uuid]),
        form_data(agreement, s0_body_en="New text."),
    )

    assert response.status_code == 302
    assert agreement.versions.count() == 2
    assert agreement.latest_version().sections[0]["body_en"] == "New text."


def test_agreement_edit_page_refuses_a_term_that_is_not_a_number_under_its_field(
    client, organizer, agreement
):
    organizer.language = "es"
    organizer.save()
    client.force_login(organizer)

    response = client.post(
        reverse("agreements:agreement_edit", args=[agreement.uuid]), form_data(agreement, term_months="abc")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "term_months": ["La duración es un número entero de meses, de 1 a 120."]
    }
    assert agreement.versions.count() == 1


def test_agreement_edit_page_writes_a_new_term_into_the_text(client, organizer, agreement):
    client.force_login(organizer)

    response = client.post(
        reverse("agreements:agreement_edit", args=[agreement.uuid]), form_data(agreement, term_months="36")
    )

    assert response.status_code == 302
    assert "and lasts 36 months." in agreement.latest_version().sections[0]["body_en"]
    assert "y dura 36 meses." in agreement.latest_version().sections[0]["body_es"]


def test_agreement_detail_shows_the_escaped_redline(client, organizer, agreement):
    services.save_draft(
        agreement=agreement,
        sections=[
            dict(agreement.latest_version().sections[0], body_en="<b>zebra</b> & quokka"),
            *agreement.latest_version().sections[1:],
        ],
        values=VALUES,
        user=organizer,
    )
    client.force_login(organizer)

    response = client.get(agreement.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<ins>&lt;b&gt;zebra&lt;/b&gt; &amp; quokka</ins>" in html
    assert "<b>zebra</b>" not in html


def test_review_flow_through_the_pages(client, organizer, admin, agreement):
    client.force_login(organizer)
    client.post(reverse("agreements:agreement_submit", args=[agreement.uuid]))
    client.force_login(admin)

    queue = client.get(reverse("agreements:review_queue"))
    client.post(
        reverse("agreements:agreement_request_changes", args=[agreement.uuid]),
        {"comment": "Name the plant.", "component": "parties_sites"},
    )
    agreement.refresh_from_db()
    assert list(queue.context["agreements"]) == [agreement]
    assert agreement.status == Agreement.Status.CHANGES_REQUESTED
    assert ReviewComment.objects.get().text == "Name the plant."

    client.force_login(organizer)
    client.post(reverse("agreements:agreement_submit", args=[agreement.uuid]))
    client.force_login(admin)
    # Sent back without a new version: the administrator confirms having read the comment on version 1.
    response = client.post(
        reverse("agreements:agreement_approve", args=[agreement.uuid]),
        {"version": "1", "comments": "1", "approve-comments_read": "on"},
    )

    agreement.refresh_from_db()
    assert response.status_code == 302
    assert agreement.status == Agreement.Status.APPROVED
    assert agreement.approved_version.number == 1
    assert (
        AuditEvent.objects.for_object(agreement)
        .filter(summary__startswith="agreement version 1 approved")
        .count()
        == 1
    )


def test_agreement_approve_page_refused_to_an_organizer(client, organizer, agreement):
    services.submit_for_review(agreement=agreement, user=organizer)
    client.force_login(organizer)

    response = client.post(reverse("agreements:agreement_approve", args=[agreement.uuid]), {"version": "1"})

    agreement.refresh_from_db()
    assert response.status_code == 403
    assert agreement.status == Agreement.Status.IN_REVIEW


def test_agreement_submit_twice_shows_a_message(client, organizer, agreement):
    client.force_login(organizer)
    client.post(reverse("agreements:agreement_submit", args=[agreement.uuid]))

    response = client.post(reverse("agreements:agreement_submit", args=[agreement.uuid]), follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]][-1] == (
        "Neutrality agreement: cannot go from “In review” to “In review”."
    )


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_agreement_list_query_count_is_the_same_for_1_and_5_agreements(
    client, organizer, organization, template
):
    client.force_login(organizer)
    url = reverse("agreements:agreement_list")

    def add():
        site = WorksiteFactory(organization=organization, created_by=organizer)
        services.create_agreement(worksite=site, template=template, values=VALUES, user=organizer)

    add()
    one = count_queries(client, url)
    for _ in range(4):
        add()
    assert count_queries(client, url) == one


def test_review_queue_query_count_is_the_same_for_1_and_5_agreements(
    client, organizer, admin, organization, template
):
    client.force_login(admin)
    url = reverse("agreements:review_queue")

    def add():
        site = WorksiteFactory(organization=organization, created_by=organizer)
        agreement = services.create_agreement(worksite=site, template=template, values=VALUES, user=organizer)
        services.submit_for_review(agreement=agreement, user=organizer)

    add()
    one = count_queries(client, url)
    for _ in range(4):
        add()
    assert count_queries(client, url) == one


def test_worksite_page_offers_to_draft_an_agreement_through_the_worksite_hook(client, organizer, site):
    client.force_login(organizer)
    url = reverse("agreements:agreement_create", args=[site.uuid])

    html = client.get(site.get_absolute_url()).content.decode()
    organizer.language = "es"
    organizer.save(update_fields=["language"])
    spanish = client.get(site.get_absolute_url()).content.decode()

    assert f'<a class="button" href="{url}">Draft a neutrality agreement</a>' in html
    assert f'<a class="button" href="{url}">Redactar un acuerdo de neutralidad</a>' in spanish


def test_a_browsers_line_breaks_change_nothing_only_the_edited_section_is_modified(
    client, organizer, agreement
):
    """A browser posts a textarea's line breaks as \r\n: saved as \n, untouched sections stay "as in the
    template" and the redline shows only the edit."""
    from agreements import redline

    client.force_login(organizer)
    data = form_data(agreement, s0_body_en="New text.")
    browser_data = {key: value.replace("\n", "\r\n") for key, value in data.items()}

    client.post(reverse("agreements:agreement_edit", args=[agreement.uuid]), browser_data)

    latest = agreement.latest_version()
    assert not any("\r" in section[key] for section in latest.sections for key in section)
    checklist = redline.checklist(services.template_text(agreement), latest.sections)
    statuses = [status for _component, status in checklist]
    assert statuses == ["modified"] + ["present"] * (len(statuses) - 1)
    client.post(reverse("agreements:agreement_edit", args=[agreement.uuid]), browser_data)
    assert agreement.versions.count() == 2  # the same text again, with \r\n: no new version


def test_agreement_with_a_note_to_the_drafters_is_not_approved_and_its_page_says_why(
    client, site, template, organizer, admin
):
    drafted = services.create_agreement(
        worksite=site, template=template, values=dict(VALUES), user=organizer
    )
    services.submit_for_review(agreement=drafted, user=organizer)
    client.force_login(admin)

    page = client.get(drafted.get_absolute_url()).content.decode()
    response = client.post(
        reverse("agreements:agreement_approve", args=[drafted.uuid]), {"version": "1"}, follow=True
    )

    assert (
        '<p class="message message-warning">This text still holds a note to the drafters '
        "(“[Model text: …]”) in 1. Parties, worksites and term. Legal staff review it, then delete the note: "
        "the agreement cannot be approved while it is there.</p>"
    ) in page
    assert [str(m) for m in response.context["messages"]] == [
        "The text still holds a note to the drafters (“[Model text: …]”), which must not reach the parties: "
        "delete it from “1. Parties, worksites and term”, then approve."
    ]
    drafted.refresh_from_db()
    assert (drafted.status, drafted.approved_version) == (Agreement.Status.IN_REVIEW, None)
    assert not AuditEvent.objects.for_object(drafted).filter(summary__contains="approved").exists()


def test_agreement_page_in_spanish_names_the_section_with_a_note_in_spanish_only(
    client, site, template, organizer
):
    drafted = services.create_agreement(
        worksite=site, template=template, values=dict(VALUES), user=organizer
    )
    sections = drafted.latest_version().sections
    sections[0]["body_en"] = "This agreement is between Acme Poultry and Local 705."
    services.save_draft(agreement=drafted, sections=sections, values=dict(VALUES), user=organizer)
    client.force_login(organizer)

    page = client.get(drafted.get_absolute_url(), headers={"accept-language": "es"}).content.decode()

    assert (
        "Este texto todavía tiene una nota para quienes lo redactan (“[Texto modelo: …]”) en 1. Partes, "
        "lugares de trabajo y vigencia."
    ) in page


def test_agreement_create_page_warns_of_the_worksites_agreement_not_ended(client, organizer, site, agreement):
    ended = services.create_agreement(
        worksite=site, template=agreement.template, values=VALUES, user=organizer
    )
    Agreement.objects.filter(pk=ended.pk).update(status=Agreement.Status.EXPIRED)
    client.force_login(organizer)

    html = client.get(reverse("agreements:agreement_create", args=[site.uuid])).content.decode()

    assert html.count('<p class="message message-warning">') == 1
    assert (
        f'This worksite already has an agreement (<a href="{agreement.get_absolute_url()}">Draft</a>). '
        "Draft another only to replace or renew it."
    ) in html


def test_agreement_edit_page_out_for_signature_says_the_links_stop_working(client, organizer, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.OUT_FOR_SIGNATURE)
    client.force_login(organizer)

    html = client.get(reverse("agreements:agreement_edit", args=[agreement.uuid])).content.decode()

    assert (
        "This agreement is out for signature: saving a change sends it back to review, and the signing links "
        "already sent stop working (a signature already given included)."
    ) in html


def test_the_shipped_templates_name_is_shown_in_the_readers_language(client, organizer, agreement):
    organizer.language = "es"
    organizer.save()
    client.force_login(organizer)

    html = client.get(agreement.get_absolute_url()).content.decode()

    assert "De Acuerdo de neutralidad ante ICE v1 · versión 1" in html
    with translation.override("en"):
        assert str(agreement.template) == "ICE neutrality agreement v1"
