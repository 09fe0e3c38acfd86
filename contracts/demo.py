"""Demo contracts: a proposal at the table with employer counters (Pacific Vista Hospitality, first
organization) and a ratified first contract (Midway Cold Storage, second organization), composed from the
clause library through the app's services.

Run by `manage.py seed_demo` after the cases demo (INSTALLED_APPS order). A worksite that already has a
proposal is left alone, so running it again changes nothing. Every name is fictional.
"""

import datetime

from django.utils import timezone

from cases.models import Worksite
from power_campaign.accounts.models import User

from . import services
from .models import Clause, Proposal

BARGAINING = {
    "employer_name": "Pacific Vista Hospitality LLC",
    "organizer": "organizer",
    "admin": "admin",
    "title": "First contract: immigrant worker protections",
    "unit": "Housekeeping, laundry, kitchen and banquet workers at Harborview Suites LAX",
    "values": {
        "union": "Warehouse & Food Workers Local 12",
        "notice_hours": "24",
        "notice_days": "5",
        "cure_days": "120",
        "leave_days": "90",
        "rehire_months": "12",
        "training_hours": "4",
        "languages": "Spanish, English and Tagalog",
    },
    "opened": 55,
    "articles": [
        (
            "Immigration enforcement at the workplace",
            "Control migratorio en el lugar de trabajo",
            [
                "ice-access-judicial-warrant",
                "union-notice-immediate",
                "enforcement-conduct",
                "privacy-status",
            ],
        ),
        (
            "Work authorization",
            "Autorización de trabajo",
            ["no-match-letters", "reverification-limits", "e-verify-no-enrollment"],
        ),
        (
            "Leave, rehire and training",
            "Permisos, recontratación y capacitación",
            ["immigration-leave", "rehire-seniority", "language-access", "training-liaison"],
        ),
    ],
    # (clause, status, days ago, counter)
    "steps": [
        (
            "ice-access-judicial-warrant",
            "countered",
            40,
            "Pacific Vista Hospitality LLC will ask immigration agents for identification and will contact "
            "its lawyer before letting them into non-public areas, unless the agents insist on entry.",
        ),
        (
            "union-notice-immediate",
            "countered",
            38,
            "Pacific Vista Hospitality LLC will tell Warehouse & Food Workers Local 12 in writing within 7 "
            "days of learning of any immigration investigation.",
        ),
        ("union-notice-immediate", "tentative", 25, ""),
        ("e-verify-no-enrollment", "tentative", 30, ""),
        (
            "reverification-limits",
            "countered",
            20,
            "Pacific Vista Hospitality LLC will give a worker 30 days to present documents before taking "
            "action.",
        ),
        ("language-access", "tentative", 18, ""),
        ("training-liaison", "withdrawn", 15, ""),
    ],
    # The text agreed on a countered clause: (which, the text when another one was worked out)
    "agreed": {
        "union-notice-immediate": (
            "other",
            "Pacific Vista Hospitality LLC will phone Warehouse & Food Workers Local 12 right away when "
            "immigration agents ask to enter the workplace or to question or arrest any worker, and will "
            "tell it in writing within 72 hours of learning of any immigration investigation.",
        ),
    },
}

RATIFIED = {
    "employer_name": "Midway Cold Storage & Distribution LLC",
    "organizer": "organizer2",
    "admin": "admin2",
    "title": "First contract",
    "unit": "Freezer, dock and warehouse workers at the Cicero facility",
    "values": {
        "union": "Centro de Trabajadores Unidos",
        "notice_hours": "48",
        "notice_days": "5",
        "cure_days": "60",
        "leave_days": "60",
        "rehire_months": "12",
        "languages": "Spanish, English and Arabic",
    },
    "opened": 100,
    "articles": [
        (
            "Immigration enforcement",
            "Control migratorio",
            ["ice-access-judicial-warrant", "union-notice-immediate"],
        ),
        (
            "Work authorization",
            "Autorización de trabajo",
            [
                "no-match-letters",
                "reverification-notice-only",
                "identity-change",
                "tps-daca-expiration",
                "successorship-i9",
            ],
        ),
        ("Leave", "Permisos", ["immigration-leave"]),
    ],
    "agreed": 20,
    "ratified": 12,
}


def _compose(spec, today):
    worksite = Worksite.objects.filter(employer_name=spec["employer_name"]).first()
    if worksite is None or Proposal.objects.filter(worksite=worksite).exists():
        return None
    organizer = User.objects.get(username=spec["organizer"])
    proposal = services.create_proposal(
        worksite=worksite,
        title=spec["title"],
        bargaining_unit=spec["unit"],
        values=spec["values"],
        user=organizer,
    )
    for heading_en, heading_es, codes in spec["articles"]:
        services.add_clauses(
            proposal=proposal,
            clauses=list(Clause.objects.filter(code__in=codes)),
            heading_en=heading_en,
            heading_es=heading_es,
            user=organizer,
        )
    services.open_bargaining(
        proposal=proposal, date=today - datetime.timedelta(days=spec["opened"]), user=organizer
    )
    return proposal, organizer


def seed(*, password, log):
    today = timezone.localdate()
    made = []
    composed = _compose(BARGAINING, today)
    if composed:
        proposal, organizer = composed
        for code, status, days_ago, counter in BARGAINING["steps"]:
            agreed, agreed_text = ("", "")
            if status == "tentative":
                agreed, agreed_text = BARGAINING["agreed"].get(code, ("", ""))
            services.record_status(
                proposal_clause=proposal.clauses.get(clause__code=code),
                status=status,
                date=today - datetime.timedelta(days=days_ago),
                counter_text=counter,
                counter_language="en",
                agreed=agreed,
                agreed_text=agreed_text,
                agreed_language="en",
                user=organizer,
            )
        made.append("a proposal at the table with counters")
    composed = _compose(RATIFIED, today)
    if composed:
        proposal, organizer = composed
        for proposal_clause in proposal.clauses.all():
            services.record_status(
                proposal_clause=proposal_clause,
                status="tentative",
                date=today - datetime.timedelta(days=RATIFIED["agreed"]),
                user=organizer,
            )
        services.ratify(
            proposal=proposal,
            date=today - datetime.timedelta(days=RATIFIED["ratified"]),
            user=User.objects.get(username=RATIFIED["admin"]),
        )
        made.append("a ratified contract")
    log(f"Demo contracts: {' and '.join(made)}." if made else "Demo contracts: already there.")
