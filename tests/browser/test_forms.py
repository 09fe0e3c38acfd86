"""A form is sent once: pressing its button again while the first sending is on its way (an impatient
tap on a slow connection) makes no second record (static/js/forms.js)."""

import re
import time

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import StageChange
from tests.browser.conftest import login
from tests.cases.factories import WorksiteFactory
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.browser


def test_pressing_save_again_while_the_stage_is_sent_records_it_once(
    live_server, page, organization, monkeypatch
):
    organizer = member("organizer", organization, username="maria")
    worksite = WorksiteFactory(organization=organization, created_by=organizer)
    record_stage = services.record_stage

    def slow_record_stage(**kwargs):  # a slow connection: the answer takes a second
        time.sleep(1)
        return record_stage(**kwargs)

    monkeypatch.setattr(services, "record_stage", slow_record_stage)
    login(page, live_server, "maria", PASSWORD)
    page.goto(f"{live_server.url}/worksites/{worksite.uuid}/stage/")
    page.get_by_label(re.compile("^Stage")).select_option("committee")
    page.get_by_label(re.compile("^Date")).fill("2026-01-15")
    expect(page.get_by_role("button", name="Save")).to_be_visible()

    with page.expect_navigation():
        # Two taps on Save 300 ms apart, while the first sending is on its way (the server answers after a
        # second); pressed by the page itself, as Playwright's click would wait for the navigation it starts.
        page.evaluate(
            """() => {
              const save = document.querySelector("main button[type=submit]");
              setTimeout(() => save.click(), 0);
              setTimeout(() => save.click(), 300);
            }"""
        )

    expect(page.get_by_text("Stage recorded.")).to_be_visible()
    stages = StageChange.objects.filter(worksite=worksite).values_list("stage", flat=True)
    assert list(stages) == ["committee"]
