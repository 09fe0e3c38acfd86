import datetime

import pytest
from django.utils import timezone

from tests.cases.factories import WorksiteFactory
from tests.cases.support import NOW


class Clock:
    now = NOW


@pytest.fixture
def clock(monkeypatch):
    """The clock (outside the process) fixed at NOW; a test may move it with `clock.now = ...`."""
    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now.astimezone(datetime.UTC))
    return clock


@pytest.fixture
def site(organization, organizer):
    return WorksiteFactory(organization=organization, created_by=organizer, employer_name="Acme Poultry")
