"""Data versions per organization (power_campaign/freshness.py): a change gives its organization, and ALL,
a new version; other organizations keep theirs. Audit events of changes make them; reads do not."""

import pytest

from power_campaign import freshness
from power_campaign.audit.models import AuditEvent
from tests.cases.factories import WorksiteFactory

pytestmark = pytest.mark.django_db


def test_a_change_renews_its_organizations_version_and_alls_only(organization, other_organization):
    ids = [organization.pk, other_organization.pk, None, freshness.ALL]
    before = freshness.versions(freshness.DATA, ids)
    assert freshness.versions(freshness.DATA, ids) == before  # kept while nothing changes

    freshness.changed(freshness.DATA, [organization.pk])
    after = freshness.versions(freshness.DATA, ids)
    renewed = {pk for pk in ids if after[pk] != before[pk]}
    assert renewed == {organization.pk, freshness.ALL}

    freshness.changed(freshness.DATA, [None])  # records of no organization
    again = freshness.versions(freshness.DATA, ids)
    assert {pk for pk in ids if again[pk] != after[pk]} == {None, freshness.ALL}

    # Topics are apart: the incidents' versions are not the data's.
    incidents = freshness.versions("incidents", ids)
    freshness.changed(freshness.DATA, [other_organization.pk])
    assert freshness.versions("incidents", ids) == incidents


@pytest.mark.parametrize(
    ("action", "renews"),
    [
        (AuditEvent.Action.CREATE, True),
        (AuditEvent.Action.UPDATE, True),
        (AuditEvent.Action.DELETE, True),
        (AuditEvent.Action.SIGN, True),
        (AuditEvent.Action.VIEW, False),
        (AuditEvent.Action.EXPORT, False),
        (AuditEvent.Action.LOGIN, False),
    ],
)
def test_audit_events_of_changes_renew_their_organizations_version(organization, organizer, action, renews):
    before = freshness.versions(freshness.DATA, [organization.pk])
    AuditEvent.objects.record(action=action, actor=organizer, organization=organization, summary="test")
    after = freshness.versions(freshness.DATA, [organization.pk])
    assert (after != before) is renews


def test_an_audit_event_renews_the_version_of_its_records_app_and_no_other(organization, organizer):
    worksite = WorksiteFactory(organization=organization)
    topics = [freshness.DATA, "cases", "uvisa", "agreements"]
    before = freshness.versions_of(topics, [organization.pk])

    AuditEvent.objects.record(action=AuditEvent.Action.UPDATE, actor=organizer, obj=worksite, summary="test")

    after = freshness.versions_of(topics, [organization.pk])
    assert {topic for (topic, _pk), version in after.items() if before[topic, _pk] != version} == {
        freshness.DATA,
        "cases",
    }


@pytest.mark.parametrize(
    ("action", "existing"),
    [
        (AuditEvent.Action.CREATE, False),
        (AuditEvent.Action.UPDATE, True),
        (AuditEvent.Action.DELETE, True),
        (AuditEvent.Action.SIGN, True),
    ],
)
def test_only_a_change_to_a_record_that_existed_renews_its_apps_existing_records(
    organization, organizer, action, existing
):
    worksite = WorksiteFactory(organization=organization)
    topics = ["cases", freshness.existing("cases")]
    before = freshness.versions_of(topics, [organization.pk])

    AuditEvent.objects.record(action=action, actor=organizer, obj=worksite, summary="test")

    after = freshness.versions_of(topics, [organization.pk])
    renewed = {topic for (topic, _pk), version in after.items() if before[topic, _pk] != version}
    assert renewed == ({"cases", "cases:existing"} if existing else {"cases"})


def test_versions_of_reads_every_topic_and_organization_at_once(organization, other_organization):
    pairs = [(topic, pk) for topic in ("cases", "uvisa") for pk in (organization.pk, None)]
    versions = freshness.versions_of(["cases", "uvisa"], [organization.pk, None])
    assert sorted(versions, key=str) == sorted(pairs, key=str)
    assert len(set(versions.values())) == 4
    assert freshness.versions("uvisa", [organization.pk, None]) == {
        organization.pk: versions["uvisa", organization.pk],
        None: versions["uvisa", None],
    }


def test_after_a_restore_every_organization_has_new_versions_of_every_topic(organization, other_organization):
    ids = [organization.pk, other_organization.pk, None, freshness.ALL]
    topics = [freshness.DATA, "cases", "accounts", freshness.existing("agreements"), "uvisa"]
    before = freshness.versions_of(topics, ids)

    freshness.everything_changed()

    after = freshness.versions_of(topics, ids)
    assert [pair for pair in before if after[pair] == before[pair]] == []
