"""The agreements app's benchmark data and pages (`make bench`: bench/scale.py calls `seed` and `pages`).

5,000 neutrality agreements on the cases app's worksites, in every status (a tenth in review), each with
one to four versions of the published template's text, approved and signed ones pointing at their
approved version; review comments on the ones sent back. Written in bulk, deterministically (`scale.rng`).
Then one agreement submitted for review through the services in a big organization and one in the empty
organization, so that the list and the review queue have a row there too (Django runs no row query for
an empty page) and both have the services' audit events (the dashboard's recent activity).
"""

import datetime

AGREEMENTS = 5_000
STATUS_WEIGHTS = {
    "draft": 20,
    "in_review": 10,
    "changes_requested": 8,
    "approved": 7,
    "out_for_signature": 5,
    "partially_signed": 5,
    "active": 35,
    "expired": 5,
    "terminated": 5,
}
APPROVED_OR_LATER = {"approved", "out_for_signature", "partially_signed", "active", "expired", "terminated"}

# The change each role makes most in these records, after which their dashboard is timed (bench/scale.py).
DASHBOARD_CHANGES = {"admin": ("agreements", "an agreement change")}


def seed(scale):
    from django.db.models import F

    from agreements import services
    from agreements.models import (
        Agreement,
        AgreementTemplate,
        AgreementVersion,
        ReviewComment,
        canonical_sha256,
    )
    from cases.models import Worksite
    from power_campaign.accounts.models import Role

    rng, now, today = scale.rng, scale.now, scale.today
    user = scale.users[Role.ORGANIZER]
    template = (
        AgreementTemplate.objects.filter(status=AgreementTemplate.Status.PUBLISHED).order_by("pk").first()
    )
    sections = template.section_dicts()
    values = {name: f"{name.replace('_', ' ')} value" for name in services.placeholders_in(sections)}
    values["effective_date"] = ""  # the day both parties have signed
    values["term_months"] = "36"
    text = services.fill(sections, values)
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)

    worksites = rng.sample(scale.shared["worksites"], AGREEMENTS)
    agreements = []
    for worksite in worksites:
        status = rng.choices(statuses, weights)[0]
        changed = now - datetime.timedelta(minutes=rng.randint(60, 2 * 365 * 24 * 60))
        agreement = Agreement(
            worksite=worksite,
            template=template,
            language=rng.choice(["en", "es"]),
            values=values,
            status=status,
            status_changed_at=changed,
            created_by=user,
        )
        if status in {"active", "expired", "terminated"}:
            agreement.executed_at = changed
            agreement.effective_on = changed.date()
            agreement.expires_on = (
                today + datetime.timedelta(days=rng.randint(1, 700))
                if status == "active"
                else today - datetime.timedelta(days=rng.randint(1, 300))
            )
        if status == "terminated":
            agreement.terminated_at = now - datetime.timedelta(days=rng.randint(1, 100))
            agreement.termination_reason = "The employer called immigration agents to the site."
        agreements.append(agreement)
    scale.bulk(Agreement, agreements)

    versions = []
    sha = canonical_sha256(text)
    for agreement in agreements:
        for number in range(1, rng.randint(1, 4) + 1):
            versions.append(
                AgreementVersion(
                    agreement=agreement, number=number, sections=text, sha256=sha, created_by=user
                )
            )
    scale.bulk(AgreementVersion, versions)
    latest = {}
    for version in versions:
        latest[version.agreement_id] = version
    approved = [agreement for agreement in agreements if agreement.status in APPROVED_OR_LATER]
    for agreement in approved:
        agreement.approved_version = latest[agreement.pk]
    Agreement.objects.bulk_update(approved, ["approved_version"], batch_size=scale.batch)
    scale.bulk(
        ReviewComment,
        [
            ReviewComment(
                agreement=agreement,
                version=latest[agreement.pk],
                component=sections[0]["component"],
                text="Add the union's phone number to the access clause.",
                author=scale.users[Role.ADMIN],
            )
            for agreement in agreements
            if agreement.status == "changes_requested"
        ],
    )
    # auto_now stamped every row with now: spread the "last changed" times like the status changes.
    Agreement.objects.filter(pk__in=[a.pk for a in agreements]).update(updated_at=F("status_changed_at"))
    taken = {agreement.worksite_id for agreement in agreements}
    big = {organization.pk for organization in scale.organizations[:2]}  # the full-scale users' own
    free = next(w for w in scale.shared["worksites"] if w.pk not in taken and w.organization_id in big)
    empty = Worksite.objects.filter(organization=scale.empty).order_by("pk").first()
    for worksite, organizer in [(free, user), (empty, scale.empty_users[Role.ORGANIZER])]:
        submit(worksite, organizer, template, values)


def submit(worksite, organizer, template, values):
    """An agreement drafted and submitted for review through the services (with their audit events)."""
    from agreements import services

    agreement = services.create_agreement(worksite=worksite, template=template, values=values, user=organizer)
    services.submit_for_review(agreement=agreement, user=organizer)


def pages(scale):
    from django.urls import reverse

    from power_campaign.accounts.models import Role

    queue = reverse("agreements:review_queue")
    listing = reverse("agreements:agreement_list")
    return [
        {"name": "agreement review queue", "role": Role.ADMIN, "url": queue, "empty_url": queue},
        {"name": "agreement list", "role": Role.ORGANIZER, "url": listing, "empty_url": listing},
        {
            "name": "dashboard (admin)",
            "role": Role.ADMIN,
            "url": reverse("dashboard"),
            "empty_url": reverse("dashboard"),
        },
    ]
