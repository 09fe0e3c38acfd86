"""The stage history holds up as evidence: no entry dated on the day of data entry, entries corrected and
removed with the previous values kept in the audit trail, the current stage always the latest by date."""

import datetime
import importlib
import pathlib

import pytest
from django.apps import apps
from django.urls import reverse

from cases import services
from cases.models import Stage, StageChange, Worksite
from tests.cases.factories import StageChangeFactory, WorksiteFactory
from tests.cases.support import audit_trail, local, messages_of
from tests.factories import member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]
D = datetime.date


def history(worksite):
    return list(worksite.stage_changes.values_list("stage", "date", "note"))


def current(worksite):
    worksite.refresh_from_db()
    return (worksite.current_stage, worksite.current_stage_on)


# The current stage


def test_current_stage_is_the_latest_by_date_and_of_one_day_the_one_recorded_last(site, organizer):
    services.record_stage(worksite=site, stage=Stage.MAJORITY, date=D(2026, 3, 10), user=organizer)
    services.record_stage(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 3, 2), user=organizer)
    assert current(site) == ("majority", D(2026, 3, 10))

    services.record_stage(worksite=site, stage=Stage.DEMAND, date=D(2026, 3, 10), user=organizer)

    assert current(site) == ("demand", D(2026, 3, 10))


def test_a_stage_dated_before_first_contact_becomes_current_once_first_contact_is_corrected(site, organizer):
    services.set_first_contact(worksite=site, date=D(2026, 3, 1), user=organizer)
    services.record_stage(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 2, 20), user=organizer)
    assert current(site) == ("first_contact", D(2026, 3, 1))

    services.set_first_contact(worksite=site, date=D(2026, 1, 15), user=organizer)

    assert current(site) == ("committee", D(2026, 2, 20))
    assert site.first_contact_on == D(2026, 1, 15)


def test_correcting_a_stage_entry_recomputes_the_current_stage_and_audits_old_and_new_values(
    site, organizer
):
    first = StageChangeFactory(worksite=site, stage=Stage.FIRST_CONTACT, date=D(2026, 1, 5))
    wrong = StageChangeFactory(worksite=site, stage=Stage.MAJORITY, date=D(2026, 3, 15), note="62% cards")
    site.refresh_current_stage()

    services.correct_stage(
        change=wrong, stage=Stage.COMMITTEE, date=D(2026, 2, 2), note="Committee of 5", user=organizer
    )

    assert history(site) == [
        ("committee", D(2026, 2, 2), "Committee of 5"),
        ("first_contact", D(2026, 1, 5), ""),
    ]
    assert current(site) == ("committee", D(2026, 2, 2))
    assert audit_trail() == [
        (
            "update",
            str(site.uuid),
            "stage entry corrected: stage majority → committee, date 2026-03-15 → 2026-02-02, note changed",
            "organizer",
        )
    ]
    assert StageChange.objects.get(pk=first.pk).date == D(2026, 1, 5)


def test_removing_the_current_stage_entry_makes_the_previous_one_current_and_is_audited(site, organizer):
    StageChangeFactory(worksite=site, stage=Stage.FIRST_CONTACT, date=D(2026, 1, 5))
    last = StageChangeFactory(worksite=site, stage=Stage.LOST, date=D(2026, 3, 1))
    site.refresh_current_stage()

    services.remove_stage(change=last, user=organizer)

    assert current(site) == ("first_contact", D(2026, 1, 5))
    assert audit_trail() == [
        ("update", str(site.uuid), "stage entry removed: lost on 2026-03-01", "organizer")
    ]


def test_removing_the_only_entry_leaves_the_drive_at_first_contact_on_no_date(site, organizer):
    only = StageChangeFactory(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 2, 1))
    site.refresh_current_stage()

    services.remove_stage(change=only, user=organizer)

    assert (current(site), history(site), site.first_contact_on) == (("first_contact", None), [], None)


# The pages


def test_worksite_page_lists_the_stage_history_with_correct_and_remove_links(client, organizer, site):
    change = StageChangeFactory(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 2, 2), note="Five")
    site.refresh_current_stage()
    client.force_login(organizer)

    response = client.get(site.get_absolute_url())

    html = response.content.decode()
    assert [(c.stage, c.date, c.note) for c in response.context["stage_history"]] == [
        ("committee", D(2026, 2, 2), "Five")
    ]
    assert f'href="{reverse("cases:stage_edit", args=[site.uuid, change.pk])}"' in html
    assert f'href="{reverse("cases:stage_remove", args=[site.uuid, change.pk])}"' in html
    assert "Ana Torres" in html  # who recorded it, by name
    # No first-contact entry: the page says the date is not known and where to set it.
    assert "date not known" in html
    assert f'href="{reverse("cases:worksite_edit", args=[site.uuid])}#id_first_contact_on"' in html


def test_stage_edit_page_corrects_the_entry(client, organizer, site):
    change = StageChangeFactory(worksite=site, stage=Stage.MAJORITY, date=D(2026, 3, 15))
    client.force_login(organizer)
    url = reverse("cases:stage_edit", args=[site.uuid, change.pk])
    assert client.get(url).context["form"]["date"].value() == D(2026, 3, 15)

    response = client.post(url, {"stage": "committee", "date": "2026-03-14", "note": ""})

    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Stage entry corrected."]
    assert (history(site), current(site)) == (
        [("committee", D(2026, 3, 14), "")],
        ("committee", D(2026, 3, 14)),
    )
    assert audit_trail() == [
        (
            "update",
            str(site.uuid),
            "stage entry corrected: stage majority → committee, date 2026-03-15 → 2026-03-14",
            "organizer",
        )
    ]


def test_bad_stage_correction_shows_the_error_and_changes_nothing(client, organizer, site):
    change = StageChangeFactory(worksite=site, stage=Stage.MAJORITY, date=D(2026, 3, 15))
    client.force_login(organizer)

    response = client.post(
        reverse("cases:stage_edit", args=[site.uuid, change.pk]), {"stage": "won", "date": "2026-03-20"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "stage": ["Select a valid choice. won is not one of the available choices."],
        "date": ["The date cannot be in the future."],
    }
    assert (history(site), audit_trail()) == ([("majority", D(2026, 3, 15), "")], [])


def test_stage_remove_asks_to_confirm_then_removes_the_entry(client, organizer, site):
    change = StageChangeFactory(worksite=site, stage=Stage.COMMITTEE, date=D(2026, 2, 2))
    client.force_login(organizer)
    url = reverse("cases:stage_remove", args=[site.uuid, change.pk])

    asked = client.get(url)
    unconfirmed = client.post(url)
    assert (asked.status_code, unconfirmed.status_code, history(site)) == (
        200,
        200,
        [("committee", D(2026, 2, 2), "")],
    )
    assert 'name="confirm" value="yes"' in asked.content.decode()

    response = client.post(url, {"confirm": "yes"})

    assert response["Location"] == site.get_absolute_url()
    assert messages_of(response) == ["Stage entry removed."]
    assert (history(site), current(site)) == ([], ("first_contact", None))
    assert audit_trail() == [
        ("update", str(site.uuid), "stage entry removed: committee on 2026-02-02", "organizer")
    ]


@pytest.mark.parametrize("name", ["cases:stage_edit", "cases:stage_remove"])
def test_a_stage_entry_is_found_only_through_its_own_worksite(client, organizer, organization, site, name):
    elsewhere = WorksiteFactory(organization=organization, created_by=organizer)
    change = StageChangeFactory(worksite=elsewhere, stage=Stage.COMMITTEE)
    client.force_login(organizer)

    response = client.post(reverse(name, args=[site.uuid, change.pk]), {"confirm": "yes"})

    assert response.status_code == 404
    assert StageChange.objects.count() == 1


def test_editing_a_worksite_sets_corrects_and_clears_its_first_contact_date(client, organizer, site):
    client.force_login(organizer)
    url = reverse("cases:worksite_edit", args=[site.uuid])
    data = {
        "employer_name": site.employer_name,
        "city": "Chicago",
        "state": "IL",
        "industry": "other",
        "time_zone": "America/Chicago",
    }

    client.post(url, {**data, "first_contact_on": "2026-01-05"})
    assert (history(site), client.get(url).context["form"]["first_contact_on"].value()) == (
        [("first_contact", D(2026, 1, 5), "")],
        D(2026, 1, 5),
    )
    client.post(url, {**data, "first_contact_on": "2026-01-07"})
    assert history(site) == [("first_contact", D(2026, 1, 7), "")]
    client.post(url, {**data, "first_contact_on": ""})

    assert (history(site), current(site)) == ([], ("first_contact", None))
    assert [summary for _action, _id, summary, _user in audit_trail()] == [
        "worksite changed: nothing",
        "stage recorded: first_contact on 2026-01-05",
        "worksite changed: nothing",
        "stage entry corrected: date 2026-01-05 → 2026-01-07",
        "worksite changed: nothing",
        "stage entry removed: first_contact on 2026-01-07",
    ]


# Existing data


def migration(name):
    """A migration module of `cases`, found by its name (its number may change when branches merge)."""
    [path] = pathlib.Path(apps.get_app_config("cases").path, "migrations").glob(f"*_{name}.py")
    return importlib.import_module(f"cases.migrations.{path.stem}")


def test_migration_forgets_first_contact_entries_dated_only_by_data_entry_and_invents_no_date(
    clock, organization, organizer
):
    forget = migration("forget_data_entry_first_contact_and_phones_e164").forget_data_entry_first_contact
    clock.now = local(2026, 3, 10, 21, 0)  # March 11 in UTC: the entry was dated with the local day
    entered = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Entered")
    entry = {"stage": "first_contact", "date": D(2026, 3, 10), "recorded_by": organizer}
    StageChange.objects.create(worksite=entered, **entry)
    went_on = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Went on")
    StageChange.objects.create(worksite=went_on, **entry)
    typed = WorksiteFactory(organization=organization, created_by=organizer, employer_name="Typed")
    StageChange.objects.create(worksite=typed, note="House visit", **entry)
    colleague = member("organizer", organization, username="colleague")
    clock.now = local(2026, 3, 12, 9, 0)
    StageChange.objects.create(worksite=went_on, stage="committee", date=D(2026, 3, 1), recorded_by=colleague)
    later = StageChange.objects.create(worksite=entered, **entry)
    for worksite in Worksite.objects.all():
        worksite.refresh_current_stage()

    forget(apps, None)

    assert {
        w.employer_name: (w.current_stage, w.current_stage_on, history(w))
        for w in Worksite.objects.all()
    } == {
        # Recorded two days after the worksite, by hand: a real date, kept.
        "Entered": ("first_contact", D(2026, 3, 10), [("first_contact", D(2026, 3, 10), "")]),
        "Went on": ("committee", D(2026, 3, 1), [("committee", D(2026, 3, 1), "")]),
        "Typed": ("first_contact", D(2026, 3, 10), [("first_contact", D(2026, 3, 10), "House visit")]),
    }
    assert list(entered.stage_changes.values_list("pk", flat=True)) == [later.pk]
