"""The U-visa app's benchmark data and pages (`make bench`: bench/scale.py calls `seed` and `pages`).

10,000 client cases over the 200 organizations (nine tenths in the two big ones, like the worksites), in
every status, each with its client's name encrypted as the app stores it; 6,000 certification requests
to the seeded certifying agencies (drafted, sent, signed or declined), the signed ones signed over the
last seven months so that some expire within the dashboard's 60 days, and 1,500 open follow-ups. The
empty organization gets one case with one signed request expiring soon and one follow-up, so that every
page runs its queries there too. Written in bulk, deterministically (`scale.rng`).
"""

import datetime
from urllib.parse import urlencode

CASES = 10_000
REQUESTS = 6_000
FOLLOWUPS = 1_500
STATUS_WEIGHTS = {"intake": 35, "screening": 25, "certification": 30, "closed": 10}
REQUEST_WEIGHTS = {"drafted": 20, "sent": 35, "signed": 35, "declined": 10}

# The change each role makes most in these records, after which their dashboard is timed (bench/scale.py).
DASHBOARD_CHANGES = {"legal": ("uvisa", "a U-visa change")}


def seeded(scale):
    from uvisa.models import ClientCase

    return ClientCase.objects.exists()


def _request(scale, case, agency, status, user):
    from uvisa.models import CertificationRequest

    rng, today = scale.rng, scale.today
    request = CertificationRequest(case=case, agency=agency, status=status, created_by=user)
    if status != "drafted":
        request.sent_on = today - datetime.timedelta(days=rng.randint(20, 400))
        request.method = rng.choice(["email", "mail", "portal"])
    if status == "signed":
        request.signed_on = today - datetime.timedelta(days=rng.randint(1, 210))
        request.decided_on = request.signed_on
    if status == "declined":
        request.decided_on = today - datetime.timedelta(days=rng.randint(1, 300))
        request.decline_reason = "The agency certifies only cases it investigated."
    return request


def seed(scale):
    from power_campaign.accounts.models import Role
    from uvisa.models import CertificationRequest, CertifyingAgency, ClientCase, FollowUp

    rng, today = scale.rng, scale.today
    user = scale.users[Role.LEGAL]
    agencies = list(CertifyingAgency.objects.order_by("pk"))
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    cases = []
    for organization, count in zip(scale.organizations, scale.worksite_counts(CASES), strict=True):
        for _ in range(count):
            status = rng.choices(statuses, weights)[0]
            cases.append(
                ClientCase(
                    organization=organization,
                    status=status,
                    closed_at=scale.now - datetime.timedelta(days=rng.randint(1, 2_000))
                    if status == "closed"
                    else None,
                    client_name=f"Client {len(cases) + 1:05d}",
                    preferred_language=rng.choice(["es", "en"]),
                    crime_city="Fresno",
                    crime_state="CA",
                    created_by=user,
                )
            )
    scale.bulk(ClientCase, cases)
    statuses, weights = zip(*REQUEST_WEIGHTS.items(), strict=True)
    requests = [
        _request(scale, case, rng.choice(agencies), rng.choices(statuses, weights)[0], user)
        for case in rng.sample(cases, REQUESTS)
    ]
    scale.bulk(CertificationRequest, requests)
    scale.bulk(
        FollowUp,
        [
            FollowUp(
                request=request,
                due_on=today + datetime.timedelta(days=rng.randint(-20, 60)),
                note="Call the victim-witness coordinator",
                created_by=user,
            )
            for request in rng.sample([r for r in requests if r.status == "sent"], FOLLOWUPS)
        ],
    )

    empty_user = scale.empty_users[Role.LEGAL]
    lone = ClientCase.objects.create(
        organization=scale.empty, status="certification", client_name="Client 00000", created_by=empty_user
    )
    signed = _request(scale, lone, agencies[0], "signed", empty_user)
    signed.signed_on = today - datetime.timedelta(days=170)  # expires within the dashboard's 60 days
    signed.decided_on = signed.signed_on
    signed.save()
    FollowUp.objects.create(request=signed, due_on=today, note="Call the agency", created_by=empty_user)


def pages(scale):
    from django.urls import reverse

    from cases.models import Contact
    from power_campaign.accounts.models import Role

    cases = reverse("uvisa:case_list")
    # Counsel's inventory finds the person among the big locals' thousands of contacts and cases.
    name = Contact.objects.filter(worksite__organization=scale.organizations[0]).order_by("pk").first().name
    find = f"{reverse('uvisa:inventory')}?{urlencode({'find': name})}"
    return [
        {"name": "U-visa case list", "role": Role.LEGAL, "url": cases, "empty_url": cases},
        {"name": "inventory: find a person", "role": Role.ADMIN, "url": find, "empty_url": find},
    ]
