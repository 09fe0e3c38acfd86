"""Data migrations of cases, run on rows written before them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0012_worksite_org_id_index")]
AFTER = [("cases", "0014_referral_organization_required")]


@pytest.mark.django_db(transaction=True)
def test_existing_referrals_get_their_incidents_organization(migrated_back):
    executor = migrated_back
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organization = apps.get_model("accounts", "Organization")
    User = apps.get_model("accounts", "User")
    Worksite = apps.get_model("cases", "Worksite")
    Incident = apps.get_model("cases", "Incident")
    Referral = apps.get_model("cases", "Referral")
    user = User.objects.create(username="organizer")
    referrals = {}
    for name in ("Local 1", "Local 2"):
        organization = Organization.objects.create(name=name)
        worksite = Worksite.objects.create(
            organization=organization, employer_name=f"{name} employer", created_by=user
        )
        incident = Incident.objects.create(
            worksite=worksite,
            type="retaliation",
            occurred_at=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC),
            created_by=user,
        )
        referrals[name] = Referral.objects.create(incident=incident, reason="Threats", referred_by=user).pk

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    Referral = executor.loader.project_state(AFTER).apps.get_model("cases", "Referral")
    found = dict(Referral.objects.values_list("pk", "organization__name"))
    assert found == {referrals["Local 1"]: "Local 1", referrals["Local 2"]: "Local 2"}


@pytest.mark.django_db(transaction=True)
def test_existing_incidents_are_counted_by_organization_month_and_type(migrated_back):
    before, after = [("cases", "0014_referral_organization_required")], [("cases", "0015_incident_count")]
    executor = migrated_back
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Organization = apps.get_model("accounts", "Organization")
    User = apps.get_model("accounts", "User")
    Worksite = apps.get_model("cases", "Worksite")
    Incident = apps.get_model("cases", "Incident")
    user = User.objects.create(username="organizer")
    local_1 = [(2026, 11, 2, 15), (2026, 11, 3, 15), (2026, 11, 1, 3)]
    for name, dates in [("Local 1", local_1), ("Local 2", [])]:
        worksite = Worksite.objects.create(
            organization=Organization.objects.create(name=name), employer_name=name, created_by=user
        )
        for date in dates:  # November 1, 03:00 UTC is October 31 in Chicago, the desk's time zone
            Incident.objects.create(
                worksite=worksite,
                type="retaliation",
                occurred_at=datetime.datetime(*date, tzinfo=datetime.UTC),
                created_by=user,
            )

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    IncidentCount = executor.loader.project_state(after).apps.get_model("cases", "IncidentCount")
    rows = IncidentCount.objects.values_list("organization__name", "month", "type", "count")
    assert sorted(rows) == [
        ("Local 1", datetime.date(2026, 10, 1), "retaliation", 1),
        ("Local 1", datetime.date(2026, 11, 1), "retaliation", 2),
    ]
