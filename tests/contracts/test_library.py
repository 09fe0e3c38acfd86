"""The clause library: seeded topics and clauses, search in both languages, versions that never change."""

import pytest
from django.urls import reverse

from contracts import seed_text, services
from contracts.models import Clause, ClauseTopic, ClauseVersion
from power_campaign.audit.models import AuditEvent
from power_campaign.immutable import ImmutableError
from tests.contracts.conftest import clause

TOPIC_CODES = [
    "ice_access",
    "union_notice",
    "enforcement_conduct",
    "privacy",
    "no_match",
    "reverification",
    "i9_audit",
    "e_verify",
    "identity_change",
    "immigration_leave",
    "rehire_seniority",
    "non_discrimination",
    "non_retaliation",
    "language_access",
    "training",
    "tps_daca",
    "citizenship_support",
    "successorship",
    "sponsorship",
]


def test_seed_has_the_19_topics_in_order(db):
    assert list(ClauseTopic.objects.values_list("code", flat=True)) == TOPIC_CODES


def test_seed_gives_every_topic_a_model_clause_in_both_languages(db):
    for topic in ClauseTopic.objects.all():
        assert topic.clauses.filter(strength=Clause.Strength.MODEL).exists(), topic.code
    assert ClauseVersion.objects.count() == len(seed_text.CLAUSES) == 21
    for version in ClauseVersion.objects.all():
        assert version.number == 1
        assert version.body_en and version.body_es and version.body_en != version.body_es
        assert version.commentary and version.commentary_es and version.sources
        # Every placeholder a clause uses has a label in both languages.
        assert set(services.placeholders_in([version.body_en, version.body_es])) <= set(
            seed_text.PLACEHOLDERS
        )
        assert services.placeholders_in([version.body_en]) == services.placeholders_in([version.body_es])


def test_search_finds_spanish_text_whatever_the_accents_and_case(db):
    found = ClauseVersion.objects.current().matching("REVERIFICARA")
    assert sorted(v.clause.code for v in found) == [
        "no-match-letters",
        "reverification-limits",
    ]


def test_search_finds_english_text_and_commentary(db):
    assert [v.clause.code for v in ClauseVersion.objects.current().matching("Ruprecht")] == [
        "e-verify-no-enrollment"
    ]
    assert sorted(v.clause.code for v in ClauseVersion.objects.current().matching("judge")) == [
        "ice-access-judicial-warrant",
        "ice-access-verify-and-call",
    ]


def test_library_page_lists_matches_by_topic(client, organizer):
    client.force_login(organizer)

    response = client.get(reverse("contracts:library"), {"q": "órden firmada por un juez"})

    assert response.status_code == 200
    assert [(t.code, [c.code for c in clauses]) for t, clauses in response.context["topics"]] == [
        ("ice_access", ["ice-access-judicial-warrant"])
    ]
    assert "Immigration agents at the workplace" in response.content.decode()


def test_library_page_filters_by_strength(client, organizer):
    client.force_login(organizer)

    response = client.get(reverse("contracts:library"), {"strength": "fallback"})

    assert response.context["count"] == 1
    assert response.context["topics"][0][1][0].code == "ice-access-verify-and-call"


def test_library_page_without_a_role_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x")
    client.force_login(user)

    assert client.get(reverse("contracts:library")).status_code == 403


def test_clause_page_shows_the_current_version_and_placeholders(client, organizer):
    client.force_login(organizer)

    response = client.get(reverse("contracts:clause", args=["union-notice-immediate"]))

    assert response.status_code == 200
    assert response.context["current"].number == 1
    assert response.context["placeholders"] == [
        ("employer", "Employer"),
        ("union", "Union"),
        ("notice_hours", "Hours to notify the union"),
    ]


def test_clause_page_of_an_unknown_clause_is_not_found(client, organizer):
    client.force_login(organizer)
    assert client.get(reverse("contracts:clause", args=["no-such-clause"])).status_code == 404


def new_version(code, user, **changes):
    current = clause(code).current_version()
    fields = {
        key: getattr(current, key)
        for key in ("title_en", "title_es", "body_en", "body_es", "commentary", "commentary_es", "sources")
    }
    return services.add_clause_version(clause=clause(code), user=user, **{**fields, **changes})


def test_a_new_version_is_numbered_after_the_latest_and_audited(admin):
    version = new_version("e-verify-no-enrollment", admin, body_en="{employer} will never use E-Verify.")

    assert version.number == 2
    assert clause("e-verify-no-enrollment").current_version() == version
    event = AuditEvent.objects.get(object_type="contracts.clauseversion")
    assert event.summary == "clause e-verify-no-enrollment version 2 added"


def test_a_version_never_changes_and_is_never_deleted(db):
    version = clause("e-verify-no-enrollment").current_version()
    version.body_en = "Changed"

    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    assert ClauseVersion.objects.get(pk=version.pk).body_en.startswith("{employer} will not sign up")


def test_a_new_version_does_not_change_a_proposal_already_made(proposal, organizer, admin, site):
    (before,) = services.add_clauses(
        proposal=proposal, clauses=[clause("e-verify-no-enrollment")], user=organizer
    )
    original = before.body_en

    new_version("e-verify-no-enrollment", admin, body_en="{employer} will never use E-Verify.")

    before.refresh_from_db()
    assert (before.version.number, before.body_en) == (1, original)
    later = services.create_proposal(worksite=site, title="Later", user=organizer)
    (after,) = services.add_clauses(
        proposal=later, clauses=[clause("e-verify-no-enrollment")], user=organizer
    )
    assert (after.version.number, after.body_en) == (2, "{employer} will never use E-Verify.")


def test_search_finds_only_the_current_version(admin):
    new_version(
        "e-verify-no-enrollment",
        admin,
        commentary="Nothing about the old case.",
        commentary_es="Nada sobre el caso anterior.",
    )

    assert list(ClauseVersion.objects.current().matching("Ruprecht")) == []
    assert ClauseVersion.objects.matching("Ruprecht").count() == 1


def test_library_page_in_spanish_shows_spanish_titles_and_gists(client, organization):
    from tests.factories import member

    client.force_login(member("organizer", organization, language="es"))

    response = client.get(reverse("contracts:library"), {"topic": "e_verify"}, HTTP_ACCEPT_LANGUAGE="es")

    html = response.content.decode()
    assert "Sin E-Verify salvo que la ley lo exija" in html
    assert "Sin inscripción voluntaria en E-Verify ni en otras revisiones electrónicas" in html
    assert "No voluntary enrollment" not in html
