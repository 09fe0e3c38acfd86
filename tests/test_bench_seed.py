"""The benchmark (`make bench`, never part of this suite) at a hundredth of its size: every app's seeding
still goes through today's services and their checks, and every page it times answers, with as many
queries in the empty organization as at full scale. (The seeding once stopped at a new check of the
agreements service, and nothing here noticed.)"""

import importlib
import random

import pytest
from django.conf import settings
from django.utils import timezone

from bench import scale
from power_campaign import hooks

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="the benchmark runs on PostgreSQL (its search pages and bulk keys)",
)

SMALL = {
    "cases.bench": {
        "WORKSITES": 200,
        "INCIDENTS": 2_000,
        "CONTACTS": 400,
        "FILINGS": 60,
        "ACTIVITIES": 200,
        "REFERRALS": 20,
        "WITNESS_LINKS": 300,
        "EVIDENCE": 500,
    },
    "agreements.bench": {"AGREEMENTS": 50},
    "uvisa.bench": {"CASES": 100, "REQUESTS": 60, "FOLLOWUPS": 15},
    "contracts.bench": {"PROPOSALS": 20},
}


@pytest.fixture
def small(monkeypatch, settings):
    for module, sizes in SMALL.items():
        for name, size in sizes.items():
            monkeypatch.setattr(importlib.import_module(module), name, size)
    monkeypatch.setattr(scale, "ORGANIZATIONS", 20)
    monkeypatch.setattr(scale, "WARM_UPS", 1)
    monkeypatch.setattr(scale, "RUNS", 1)
    settings.ROOT_URLCONF = "bench.urls"  # the product's URLs and the floor view


def test_the_benchmark_seeds_at_a_hundredth_and_every_page_answers_with_constant_queries(db, small):
    now = timezone.now()
    seeded = scale.Scale(rng=random.Random(42), now=now, today=timezone.localdate(now))
    scale.base_users(seeded)  # scale.seed without its VACUUM, which cannot run in the test's transaction
    for module in hooks.app_modules("bench"):
        if hasattr(module, "seed"):
            module.seed(seeded)

    rows = scale.judge(scale.measure(seeded, scale.targets(seeded)))  # a page that does not answer 200 exits

    assert scale.counts()["cases.Incident"] == 2_001  # and the empty organization's one
    assert len(rows) > 30
    about_queries = ("queries", "no empty")
    misses = [(row["name"], miss) for row in rows for miss in row["misses"] if miss.startswith(about_queries)]
    assert misses == []
