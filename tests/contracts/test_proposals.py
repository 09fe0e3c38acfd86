"""Composing a proposal: create it, add clauses into articles, fill placeholders, edit wording, redlines."""

import pytest
from django.urls import reverse

from contracts import redline, services
from contracts.models import Article, Proposal, ProposalClause
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import WorksiteFactory
from tests.contracts.conftest import VALUES, clause


def value_fields(values):
    return {f"value_{name}": value for name, value in values.items()}


# Placeholders


def test_fill_replaces_known_values_and_leaves_the_others():
    text = "{employer} tells {union} within {notice_hours} hours."
    assert services.fill(text, {"employer": "Acme", "union": "Local 7"}) == (
        "Acme tells Local 7 within {notice_hours} hours."
    )


def test_placeholders_in_lists_known_names_in_reference_order():
    assert services.placeholders_in(["{cure_days} {union}", "{employer} {custom}"]) == [
        "employer",
        "union",
        "cure_days",
        "custom",
    ]


def test_check_filled_names_every_missing_placeholder(composed):
    composed.values = {"employer": "Acme Poultry"}
    composed.save()

    with pytest.raises(services.ContractError) as error:
        services.check_filled(composed)

    assert error.value.messages == [
        "Fill in every placeholder before exporting: Union, Hours to notify the union, "
        "Days to give written notice, Days to correct documents."
    ]


def test_check_filled_leaves_out_withdrawn_clauses(at_table, organizer):
    at_table.values = {key: VALUES[key] for key in ("employer", "union", "notice_hours")}
    at_table.save()
    no_match = at_table.clauses.get(clause__code="no-match-letters")

    services.record_status(
        proposal_clause=no_match, status="withdrawn", date=at_table.clauses.first().status_on, user=organizer
    )

    services.check_filled(at_table)  # no error: the withdrawn clause's placeholders are not needed


# Creating


def test_proposal_create_page_starts_a_draft_with_the_employer_filled_in(client, organizer, site):
    client.force_login(organizer)

    response = client.get(reverse("contracts:proposal_create", args=[site.uuid]))
    assert response.context["form"]["value_employer"].value() == "Acme Poultry"

    response = client.post(
        reverse("contracts:proposal_create", args=[site.uuid]),
        {
            "title": "First contract",
            "bargaining_unit": "Production",
            **value_fields({"employer": "Acme", "union": "Local 9"}),
        },
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("contracts:proposal_add_clauses", args=[proposal.uuid])
    assert (proposal.worksite, proposal.title, proposal.status) == (site, "First contract", "draft")
    assert proposal.values == {"employer": "Acme", "union": "Local 9"}
    assert (
        AuditEvent.objects.filter(
            object_type="contracts.proposal", summary="contract proposal drafted"
        ).count()
        == 1
    )


def test_proposal_create_page_without_a_title_saves_nothing(client, organizer, site):
    client.force_login(organizer)

    response = client.post(reverse("contracts:proposal_create", args=[site.uuid]), {"title": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert Proposal.objects.count() == 0


def test_proposal_create_page_of_another_organization_is_not_found(client, other_admin, site):
    client.force_login(other_admin)
    assert client.get(reverse("contracts:proposal_create", args=[site.uuid])).status_code == 404


def test_proposal_create_page_anonymous_goes_to_login(client, site):
    response = client.get(reverse("contracts:proposal_create", args=[site.uuid]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_proposal_create_page_refuses_put(client, organizer, site):
    client.force_login(organizer)
    assert client.put(reverse("contracts:proposal_create", args=[site.uuid])).status_code == 405


# Adding clauses


def test_add_clauses_page_copies_the_current_text_into_a_new_article(client, organizer, proposal):
    client.force_login(organizer)
    url = reverse("contracts:proposal_add_clauses", args=[proposal.uuid])

    response = client.get(url, {"q": "Ruprecht"})
    assert [c.code for c in response.context["clauses"]] == ["e-verify-no-enrollment"]

    response = client.post(url, {"clauses": ["e-verify-no-enrollment", "privacy-status"], "article": ""})

    assert response.status_code == 302
    article = Article.objects.get()
    # In library order; no heading given: the first clause's topic.
    assert (article.order, article.heading_en, article.heading_es) == (
        1,
        "Confidentiality of immigration status and employee privacy",
        "Confidencialidad del estatus migratorio y privacidad del personal",
    )
    rows = list(
        ProposalClause.objects.order_by("order").values_list("clause__code", "order", "status", "status_on")
    )
    assert rows == [("privacy-status", 1, "proposed", None), ("e-verify-no-enrollment", 2, "proposed", None)]
    copied = ProposalClause.objects.get(clause__code="privacy-status")
    version = clause("privacy-status").current_version()
    assert (copied.version, copied.title_es, copied.body_es) == (version, version.title_es, version.body_es)


def test_add_clauses_page_appends_to_an_existing_article(client, organizer, composed):
    client.force_login(organizer)
    first = composed.articles.get(order=1)

    client.post(
        reverse("contracts:proposal_add_clauses", args=[composed.uuid]),
        {"clauses": ["enforcement-conduct"], "article": first.pk},
    )

    assert list(first.clauses.order_by("order").values_list("clause__code", flat=True)) == [
        "ice-access-judicial-warrant",
        "union-notice-immediate",
        "enforcement-conduct",
    ]


def test_add_clauses_page_without_a_clause_saves_nothing(client, organizer, proposal):
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_add_clauses", args=[proposal.uuid]), {"heading_en": "X"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"clauses": ["Choose at least one clause."]}
    assert (Article.objects.count(), ProposalClause.objects.count()) == (0, 0)


def test_add_clauses_refuses_an_article_of_another_proposal(organizer, composed, site):
    other = services.create_proposal(worksite=site, title="Other", user=organizer)

    with pytest.raises(services.ContractError):
        services.add_clauses(
            proposal=other,
            clauses=[clause("e-verify-no-enrollment")],
            article=composed.articles.first(),
            user=organizer,
        )
    assert other.clauses.count() == 0


# Editing


def test_edit_page_saves_the_wording_and_moves_the_clause(client, organizer, composed):
    client.force_login(organizer)
    pc = composed.clauses.get(clause__code="union-notice-immediate")
    second = composed.articles.get(order=2)

    response = client.post(
        reverse("contracts:proposal_clause_edit", args=[pc.uuid]),
        {
            "title_en": pc.title_en,
            "title_es": pc.title_es,
            "body_en": "{employer} will call {union} within one hour.",
            "body_es": pc.body_es,
            "article": second.pk,
            "order": 2,
        },
    )

    assert response.status_code == 302
    pc.refresh_from_db()
    assert (pc.body_en, pc.article, pc.order) == ("{employer} will call {union} within one hour.", second, 2)
    event = AuditEvent.objects.get(object_type="contracts.proposalclause")
    assert event.summary == "clause edited: body_en, article, order"


def test_a_browsers_line_breaks_are_no_edit(client, organizer, composed):
    """A browser posts a textarea's line breaks as \r\n: the same wording comes back unchanged."""
    client.force_login(organizer)
    pc = composed.clauses.get(clause__code="union-notice-immediate")
    body = "{employer} will call {union}.\n\nWithin one hour."
    form = {"title_en": pc.title_en, "title_es": pc.title_es, "body_es": pc.body_es}
    form.update({"article": pc.article_id, "order": pc.order})
    client.post(reverse("contracts:proposal_clause_edit", args=[pc.uuid]), {**form, "body_en": body})
    events = AuditEvent.objects.filter(object_type="contracts.proposalclause")
    assert events.count() == 1

    client.post(
        reverse("contracts:proposal_clause_edit", args=[pc.uuid]),
        {**form, "body_en": body.replace("\n", "\r\n")},
    )

    pc.refresh_from_db()
    assert pc.body_en == body
    assert events.count() == 1  # nothing changed: no second edit


def test_edit_page_with_empty_text_saves_nothing(client, organizer, composed):
    client.force_login(organizer)
    pc = composed.clauses.first()

    response = client.post(
        reverse("contracts:proposal_clause_edit", args=[pc.uuid]),
        {
            "title_en": pc.title_en,
            "title_es": pc.title_es,
            "body_en": "",
            "body_es": pc.body_es,
            "article": pc.article_id,
            "order": 1,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"body_en": ["This field is required."]}
    assert ProposalClause.objects.get(pk=pc.pk).body_en == pc.body_en


def test_proposal_edit_page_changes_the_values(client, organizer, composed):
    client.force_login(organizer)

    response = client.post(
        reverse("contracts:proposal_edit", args=[composed.uuid]),
        {
            "title": "Second try",
            "bargaining_unit": "",
            **value_fields(dict(VALUES, union="Local 1", cure_days="")),
        },
    )

    assert response.status_code == 302
    composed.refresh_from_db()
    assert composed.title == "Second try"
    assert composed.values == {
        key: value for key, value in dict(VALUES, union="Local 1").items() if key != "cure_days"
    }


# Redlines


def test_redline_against_the_model_marks_our_changes_with_the_values_filled(composed, organizer):
    pc = composed.clauses.get(clause__code="union-notice-immediate")
    services.edit_clause(
        proposal_clause=pc,
        title_en="Calling the union",
        title_es=pc.title_es,
        body_en=pc.body_en.replace("right away", "within one hour"),
        body_es=pc.body_es,
        article=pc.article,
        order=pc.order,
        user=organizer,
    )

    rows = redline.against_model(pc, composed.values, "en")

    assert rows["changed"] is True
    assert rows["title"] == "<del>Notice to</del><ins>Calling</ins> the union"
    assert rows["body"].startswith(
        "Acme Poultry will phone Local 705 <del>right away</del><ins>within one hour</ins> when immigration "
    )
    assert "within 24 hours" in rows["body"]
    unchanged = redline.against_model(pc, composed.values, "es")
    assert (unchanged["changed"], "<" in unchanged["body"]) == (False, False)


def test_redline_escapes_what_people_typed(composed, organizer):
    pc = composed.clauses.first()
    pc.body_en = "A <b>B</b> C."
    pc.save()

    body = redline.against_model(pc, {}, "en")["body"]

    assert body.endswith("<ins>&lt;b&gt;B&lt;/b&gt; C.</ins>")
    assert "<b>" not in body


def test_proposal_page_shows_articles_clauses_and_missing_values(client, organizer, composed):
    composed.values = {"employer": "Acme Poultry", "union": "Local 705"}
    composed.save()
    client.force_login(organizer)

    response = client.get(composed.get_absolute_url())

    assert response.status_code == 200
    assert [
        (a.heading_en, [c.clause.code for c, *_ in rows]) for a, rows in response.context["rows"]
    ] == [
        ("Immigration enforcement", ["ice-access-judicial-warrant", "union-notice-immediate"]),
        ("Social Security no-match letters", ["no-match-letters"]),
    ]
    assert response.context["missing"] == [
        "Hours to notify the union",
        "Days to give written notice",
        "Days to correct documents",
    ]


def test_proposal_page_of_another_organization_is_not_found(client, other_admin, composed):
    client.force_login(other_admin)
    assert client.get(composed.get_absolute_url()).status_code == 404


def test_proposal_list_query_count_is_the_same_for_1_and_10(client, organizer, organization):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(organizer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("contracts:proposal_list")).status_code == 200
        return len(queries)

    site = WorksiteFactory(organization=organization, created_by=organizer)
    services.create_proposal(worksite=site, title="One", user=organizer)
    one = count()
    for index in range(9):
        services.create_proposal(
            worksite=WorksiteFactory(organization=organization, created_by=organizer),
            title=f"P{index}",
            user=organizer,
        )
    assert count() == one


def test_article_page_renames_and_moves_an_article(client, organizer, composed):
    client.force_login(organizer)
    second = composed.articles.get(order=2)

    response = client.post(
        reverse("contracts:article_edit", args=[second.uuid]),
        {"heading_en": "No-match letters", "heading_es": "Cartas de discrepancia", "order": 1},
    )

    assert response.status_code == 302
    assert list(composed.articles.order_by("order").values_list("order", "heading_en", "heading_es")) == [
        (1, "No-match letters", "Cartas de discrepancia"),
        (2, "Immigration enforcement", "Control migratorio"),
    ]
    assert (
        AuditEvent.objects.filter(object_type="contracts.proposal", summary="article 1 edited").count() == 1
    )


def test_article_page_without_a_heading_saves_nothing(client, organizer, composed):
    client.force_login(organizer)
    first = composed.articles.get(order=1)

    response = client.post(
        reverse("contracts:article_edit", args=[first.uuid]), {"heading_en": "", "order": 2}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"heading_en": ["This field is required."]}
    assert Article.objects.get(pk=first.pk).order == 1


def test_worksite_page_offers_a_contract_proposal(client, organizer, site):
    client.force_login(organizer)

    html = client.get(site.get_absolute_url()).content.decode()

    url = reverse("contracts:proposal_create", args=[site.uuid])
    assert f'<a class="button" href="{url}">Draft a contract proposal</a>' in html
