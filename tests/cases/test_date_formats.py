"""One date format per language: the same day reads the same on every page (and in printed documents,
which use the same named formats)."""


import pytest
from django.urls import reverse
from django.utils import formats, translation

from cases.models import IncidentType
from tests.cases.factories import IncidentFactory, ReferralFactory
from tests.cases.support import local
from tests.factories import member

pytestmark = pytest.mark.django_db

NAMED = ["DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"]


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "March 5, 2026", "March 5, 2026, 2:30 p.m. CST"),
        ("es", "5 de marzo de 2026", "5 de marzo de 2026, 14:30 CST"),
    ],
)
def test_every_named_format_gives_one_text_per_language(language, day, moment):
    when = local(2026, 3, 5, 14, 30)
    with translation.override(language):
        dates = {formats.date_format(when.date(), name) for name in NAMED[:2]}
        moments = {formats.date_format(when, name) for name in NAMED[2:]}
        parsed = formats.get_format("DATE_INPUT_FORMATS")[0]

    assert (dates, moments) == ({day}, {moment})
    assert parsed == ("%Y-%m-%d" if language == "en" else "%d/%m/%Y")  # input formats stay Django's


@pytest.mark.parametrize(
    ("language", "day", "others"),
    [
        ("en", "March 5, 2026", ["03/05/2026", "Mar. 5, 2026", "2026-03-05<"]),
        ("es", "5 de marzo de 2026", ["05/03/2026", "03/05/2026", "2026-03-05<"]),
    ],
)
def test_the_same_day_reads_the_same_on_every_page(client, clock, organization, site, language, day, others):
    user = member("legal", organization, language=language)
    incident = IncidentFactory(
        worksite=site, type=IncidentType.RETALIATION, occurred_at=local(2026, 3, 5, 9, 0)
    )
    ReferralFactory(incident=incident)
    client.force_login(user)
    pages = {
        "dashboard": reverse("dashboard"),
        "worksite list": reverse("cases:worksite_list"),
        "worksite": site.get_absolute_url(),
        "chronology": reverse("cases:chronology", args=[site.uuid]),
        "incident": incident.get_absolute_url(),
        "incident list": reverse("cases:incident_list"),
        "referral list": reverse("cases:referral_list"),
    }

    found = {}
    for name, url in pages.items():
        html = client.get(url).content.decode()
        found[name] = (day in html, [other for other in others if other in html])

    assert found == {name: (True, []) for name in pages}
