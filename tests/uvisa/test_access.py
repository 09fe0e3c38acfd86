"""Only legal staff and administrators of the owning organization reach U-visa records; a case assigned
to particular legal staff is theirs (and the administrators'). Client identity is encrypted; views are
audited."""

import pytest
from django.db import connection
from django.urls import reverse

from power_campaign.audit.models import AuditEvent
from tests.factories import UserFactory, member
from tests.matrix import make_context
from tests.uvisa import permissions
from tests.uvisa.factories import activity
from uvisa.models import CertificationRequest, ClientCase, FollowUp, ScreenedActivity

# Not a case's pages: lists, reports across cases, counsel's inventory, and the legal hold (administrators
# only: tests/uvisa/test_retention.py and the matrix)
NOT_CASE_URLS = (
    "uvisa:case_list",
    "uvisa:case_open",
    "uvisa:agency_report",
    "uvisa:eligibility_report",
    "uvisa:inventory",
    "uvisa:case_hold",
)
CASE_URLS = sorted(name for name in permissions.RULES if name not in NOT_CASE_URLS)


@pytest.fixture
def ctx(db):
    ctx = make_context({"uvisa": permissions})
    organization = ctx["organization"]
    records = ctx["records"][organization.pk]
    ctx["assigned"] = member("legal", organization, username="assigned")
    ctx["unassigned"] = member("legal", organization, username="unassigned")
    records["case"].assignments.create(user=ctx["assigned"], assigned_by=ctx["assigned"])
    return ctx


def send(client, name, ctx):
    rule = permissions.RULES[name]
    url = reverse(name, kwargs=rule.kwargs(ctx))
    return client.get(url) if "GET" in rule.methods else client.post(url)


@pytest.mark.parametrize("name", CASE_URLS)
def test_assigned_case_is_refused_to_unassigned_legal_staff(client, ctx, name):
    client.force_login(ctx["unassigned"])
    assert send(client, name, ctx).status_code == 404


@pytest.mark.parametrize("name", CASE_URLS)
def test_assigned_case_is_open_to_its_staff_and_the_organizations_administrator(client, ctx, name):
    users = [ctx["assigned"]]
    if "admin" in permissions.RULES[name].roles:  # packets and checklists are legal staff's only
        users.append(member("admin", ctx["organization"]))
    for user in users:
        client.force_login(user)
        assert send(client, name, ctx).status_code in (200, 302)


@pytest.mark.parametrize("name", CASE_URLS)
def test_organizer_and_other_organizations_legal_staff_are_refused(client, ctx, name):
    client.force_login(member("organizer", ctx["organization"]))
    assert send(client, name, ctx).status_code == 403
    client.force_login(member("legal", ctx["other"]))
    assert send(client, name, ctx).status_code == 404


@pytest.mark.parametrize("name", CASE_URLS)
@pytest.mark.parametrize("coalition_role", ["legal", "admin"])
def test_coalition_staff_are_refused_every_case_page(client, ctx, name, coalition_role):
    """A coalition-wide role is not membership: coalition staff see U-visa cases only as the anonymized
    eligibility report."""
    client.force_login(UserFactory(coalition_role=coalition_role))
    assert send(client, name, ctx).status_code == 403


@pytest.mark.parametrize("coalition_role", ["legal", "admin"])
def test_coalition_staff_list_no_case(client, ctx, coalition_role):
    user = UserFactory(coalition_role=coalition_role)
    client.force_login(user)
    response = client.get(reverse("uvisa:case_list"))
    assert response.status_code == 200
    assert list(response.context["cases"]) == []
    assert ClientCase.objects.for_user(user).count() == 0
    assert CertificationRequest.objects.for_user(user).count() == 0


def test_case_list_shows_assigned_cases_only_to_their_staff(client, ctx):
    case = ctx["records"][ctx["organization"].pk]["case"]
    client.force_login(ctx["unassigned"])
    response = client.get(reverse("uvisa:case_list"))
    assert list(response.context["cases"]) == []
    client.force_login(ctx["assigned"])
    response = client.get(reverse("uvisa:case_list"))
    assert list(response.context["cases"]) == [case]


def test_querysets_narrow_children_by_assignment(ctx):
    unassigned, assigned = ctx["unassigned"], ctx["assigned"]
    assert ClientCase.objects.for_user(unassigned).count() == 0
    assert CertificationRequest.objects.for_user(unassigned).count() == 0
    assert FollowUp.objects.for_user(unassigned).count() == 0
    assert CertificationRequest.objects.for_user(assigned).count() == 1
    assert FollowUp.objects.for_user(assigned).count() == 1


def test_each_kind_of_assignment_shows_or_hides_the_case(organization, legal, admin):
    from tests.uvisa.factories import ClientCaseFactory

    colleague = member("legal", organization, username="colleague")

    def case(name, *assignees):
        case = ClientCaseFactory(organization=organization, created_by=legal, client_name=name)
        for user in assignees:
            case.assignments.create(user=user, assigned_by=admin)
        return case

    open_to_all = case("Open")
    colleagues = case("Colleague's", colleague)
    shared = case("Shared", colleague, legal)
    mine = case("Mine", legal)

    def seen(user):
        return sorted(ClientCase.objects.for_user(user).values_list("pk", flat=True))

    assert seen(legal) == sorted([open_to_all.pk, shared.pk, mine.pk])
    assert seen(colleague) == sorted([open_to_all.pk, colleagues.pk, shared.pk])
    assert seen(admin) == sorted([open_to_all.pk, colleagues.pk, shared.pk, mine.pk])


def test_case_list_query_count_does_not_grow_with_rows(
    client, organization, legal, django_assert_num_queries
):
    from tests.uvisa.factories import ClientCaseFactory

    client.force_login(legal)
    ClientCaseFactory(organization=organization, created_by=legal).assignments.create(
        user=legal, assigned_by=legal
    )
    with django_assert_num_queries(10) as one:  # the page (its keys, then its rows), and the count
        client.get(reverse("uvisa:case_list"))
    for _ in range(4):
        case = ClientCaseFactory(organization=organization, created_by=legal)
        case.assignments.create(user=legal, assigned_by=legal)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("uvisa:case_list"))


def test_client_identity_is_encrypted_at_rest(case):
    import datetime

    case.client_name = "María Hernández"
    case.a_number = "A123456789"
    case.date_of_birth = datetime.date(2001, 5, 4)
    case.save()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT client_name, a_number, date_of_birth FROM uvisa_clientcase WHERE id = %s", [case.pk]
        )
        row = cursor.fetchone()
    assert all(value.startswith("gAAAAA") for value in row)  # Fernet tokens
    assert "Hern" not in "".join(row)
    case.refresh_from_db()
    assert (case.client_name, case.a_number, case.date_of_birth) == (
        "María Hernández",
        "A123456789",
        datetime.date(2001, 5, 4),
    )


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("uvisa:case", {}),
        ("uvisa:intake", {"step": "client"}),
        ("uvisa:screening", {}),
        ("uvisa:request_create", {}),
        ("uvisa:case_assign", {}),
        ("uvisa:declaration", {}),
        ("uvisa:victim_information", {}),
        ("uvisa:filing_checklist", {}),
    ],
)
def test_every_view_of_a_client_record_is_audited(client, case, legal, name, kwargs):
    ScreenedActivity.objects.create(case=case, activity=activity("extortion"))  # a request names one
    client.force_login(legal)
    assert client.get(reverse(name, kwargs={"uuid": case.uuid, **kwargs})).status_code == 200
    events = list(
        AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_SENSITIVE).values_list(
            "object_type", "object_id", "summary", "actor__username"
        )
    )
    assert events == [("uvisa.clientcase", str(case.uuid), name.split(":")[1], "legal")]


def test_request_page_view_is_audited_against_its_case(client, case, legal):
    from tests.uvisa.factories import CertificationRequestFactory

    cert_request = CertificationRequestFactory(case=case)
    client.force_login(legal)
    client.get(reverse("uvisa:request", args=[cert_request.uuid]))
    assert list(
        AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_SENSITIVE).values_list("object_id", "summary")
    ) == [(str(case.uuid), "request")]


def test_anonymous_visitor_is_sent_to_login(client, case):
    response = client.get(reverse("uvisa:case", args=[case.uuid]))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_case_lists_read_assignments_only_for_those_they_may_hide_cases_from(ctx):
    case = ctx["records"][ctx["organization"].pk]["case"]
    admin = member("admin", ctx["organization"])
    admin_and_legal_elsewhere = member("admin", ctx["organization"])
    admin_and_legal_elsewhere.memberships.create(organization=ctx["other"], role="legal")

    for user, sees in [
        (admin, True),
        (ctx["assigned"], True),
        (ctx["unassigned"], False),
        (admin_and_legal_elsewhere, True),
    ]:
        cases = ClientCase.objects.for_user(user)
        assert (case in cases) is sees
        assert ("uvisa_caseassignment" in str(cases.query)) is (user != admin)
