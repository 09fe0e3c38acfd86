"""Organization admins run their organization from the site: invitations, roles, removal, locks,
two-factor resets; coalition staff create organizations."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from power_campaign.accounts import lockout
from power_campaign.accounts.models import Invitation, Membership, Organization, User, token_hash
from power_campaign.audit.display import translate_summary
from power_campaign.audit.models import AuditEvent
from tests.factories import PASSWORD, OrganizationFactory, UserFactory, member, totp_device

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long and fresh passphrase"


def invite(client, organization, email="rosa@example.org", role="organizer", language="en"):
    return client.post(
        reverse("accounts:invite", args=[organization.uuid]),
        {"email": email, "role": role, "language": language},
    )


def link_in(message):
    return re.search(r"http://testserver(/invitations/[^/\s]+/)", message.body).group(1)


def accept(client, path, username="rosa", password=NEW_PASSWORD, password2=None):
    return client.post(
        path,
        {
            "username": username,
            "first_name": "Rosa",
            "last_name": "Méndez",
            "password1": password,
            "password2": password if password2 is None else password2,
        },
    )


def page_text(response):
    """What the page says (its main part: the header's forms carry a new CSRF token and the path)."""
    return re.search(r"<main.*</main>", response.content.decode(), re.DOTALL).group(0)


def membership(user, organization):
    return Membership.objects.get(user=user, organization=organization)


def member_url(name, target, organization):
    return reverse(f"accounts:{name}", args=[organization.uuid, membership(target, organization).uuid])


def events(action):
    return list(
        AuditEvent.objects.filter(action=action)
        .order_by("sequence")
        .values_list("actor__username", "object_type", "organization__name", "summary")
    )


# Invitations


def test_invite_sends_a_single_use_link_and_stores_only_its_hash(client, admin, organization):
    client.force_login(admin)
    response = invite(client, organization)

    assert response["Location"] == organization.get_absolute_url()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.language, invitation.invited_by) == (
        "rosa@example.org",
        "organizer",
        "en",
        admin,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rosa@example.org"]
    assert mail.outbox[0].subject == "You are invited to Local 12 on the POWER case desk"
    token = link_in(mail.outbox[0]).split("/")[2]
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash
    assert events("create") == [("admin", "accounts.invitation", "Local 12", "member invited: organizer")]


def test_invite_link_expires_after_the_configured_time(client, settings, admin, organization):
    settings.INVITATION_MAX_AGE = datetime.timedelta(hours=5)
    client.force_login(admin)
    before = timezone.now()
    invite(client, organization)
    invitation = Invitation.objects.get()
    assert (
        before + datetime.timedelta(hours=5)
        <= invitation.expires_at
        <= timezone.now() + datetime.timedelta(hours=5)
    )


def test_invite_email_is_written_in_the_invitees_language(client, admin, organization):
    client.force_login(admin)
    invite(client, organization, role="legal", language="es")
    message = mail.outbox[0]
    assert message.subject == "Invitación a Local 12 en la Mesa de casos POWER"
    assert "como: Equipo legal." in message.body
    assert "Abra este enlace" in message.body


def test_invite_again_leaves_only_the_newest_link_working(client, admin, organization):
    client.force_login(admin)
    invite(client, organization)
    invite(client, organization, email="ROSA@example.org", role="legal")
    client.logout()
    first, second = (link_in(message) for message in mail.outbox)

    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert Invitation.objects.pending().get().role == "legal"


def test_invite_existing_account_adds_it_as_member_without_an_email(client, admin, organization):
    rosa = member(
        "legal", OrganizationFactory(name="Centro Unido"), username="rosa", email="Rosa@Example.org"
    )
    client.force_login(admin)
    response = invite(client, organization, email="rosa@example.org", role="organizer")

    assert response["Location"] == organization.get_absolute_url()
    assert membership(rosa, organization).role == "organizer"
    assert rosa.memberships.count() == 2
    assert Invitation.objects.count() == 0
    assert mail.outbox == []
    assert events("create") == [
        ("admin", "accounts.user", "Local 12", "member added (existing account): organizer")
    ]


def test_invite_someone_already_a_member_is_refused_and_nothing_saved(client, admin, organizer, organization):
    client.force_login(admin)
    response = invite(client, organization, email="organizer@example.org")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["This person is already a member of the organization."]
    }
    assert (Invitation.objects.count(), len(mail.outbox), events("create")) == (0, 0, [])


def test_invite_with_bad_input_shows_the_errors_and_saves_nothing(client, admin, organization):
    client.force_login(admin)
    response = invite(client, organization, email="not an address", role="owner", language="fr")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Enter a valid email address."],
        "role": ["Select a valid choice. owner is not one of the available choices."],
        "language": ["Select a valid choice. fr is not one of the available choices."],
    }
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_invite_by_an_organizer_is_forbidden(client, organizer, organization):
    client.force_login(organizer)
    assert invite(client, organization).status_code == 403
    assert Invitation.objects.count() == 0


def test_invite_into_another_organization_is_not_found(client, admin, other_organization):
    client.force_login(admin)
    assert invite(client, other_organization).status_code == 404
    assert Invitation.objects.count() == 0


def test_invitation_link_creates_the_account_and_membership_once(client, admin, organization):
    client.force_login(admin)
    invite(client, organization, role="legal", language="es")
    client.logout()
    path = link_in(mail.outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert "rosa@example.org" in page.content.decode()
    response = accept(client, path)

    assert response["Location"] == reverse("accounts:login")
    rosa = User.objects.get(username="rosa")
    assert (rosa.email, rosa.first_name, rosa.last_name, rosa.language) == (
        "rosa@example.org",
        "Rosa",
        "Méndez",
        "es",
    )
    assert rosa.check_password(NEW_PASSWORD)
    assert membership(rosa, organization).role == "legal"
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == rosa
    assert invitation.accepted_at is not None
    assert events("create")[-1] == ("rosa", "accounts.invitation", "Local 12", "invitation accepted: legal")
    assert (
        client.post(reverse("accounts:login"), {"username": "rosa", "password": NEW_PASSWORD})["Location"]
        == "/"
    )

    client.logout()
    used = client.get(path)
    assert used.status_code == 404
    assert accept(client, path, username="rosa2").status_code == 404
    assert User.objects.filter(username="rosa2").count() == 0


def test_invitation_link_expired_used_or_unknown_gives_the_same_page(client, admin, organization):
    client.force_login(admin)
    invite(client, organization)
    client.logout()
    path = link_in(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    expired = client.get(path)
    unknown = client.get(reverse("accounts:invitation", args=["x" * 43]))
    short = client.get(reverse("accounts:invitation", args=["abc"]))

    assert (expired.status_code, unknown.status_code, short.status_code) == (404, 404, 404)
    assert page_text(expired) == page_text(unknown) == page_text(short)
    assert "This invitation link cannot be used" in expired.content.decode()
    assert "rosa@example.org" not in expired.content.decode()
    assert accept(client, path).status_code == 404
    assert User.objects.filter(username="rosa").count() == 0


def test_invitation_with_bad_password_or_taken_name_creates_nothing(client, admin, organization):
    client.force_login(admin)
    invite(client, organization)
    client.logout()
    path = link_in(mail.outbox[0])

    response = accept(client, path, username="Admin", password="short", password2="shorter")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": ["This user name is taken. Choose another one."],
        "password2": ["The two passwords differ."],
    }
    weak = accept(client, path, password="12345678901234")
    assert weak.context["form"].errors == {"password1": ["This password is entirely numeric."]}
    assert User.objects.filter(username="rosa").count() == 0
    assert Invitation.objects.get().accepted_at is None


# Roles


def test_member_role_change_is_saved_and_audited_from_to(client, admin, organizer, organization):
    client.force_login(admin)
    response = client.post(member_url("member_role", organizer, organization), {"role": "legal"})

    assert response["Location"] == organization.get_absolute_url()
    assert membership(organizer, organization).role == "legal"
    event = AuditEvent.objects.get(action="update")
    assert (event.actor, event.object_type, event.object_id, event.organization, event.summary) == (
        admin,
        "accounts.user",
        str(organizer.pk),
        organization,
        "role changed: organizer → legal",
    )
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == ["Ana Torres is now: Legal staff."]


def test_member_role_change_to_an_unknown_role_changes_nothing(client, admin, organizer, organization):
    client.force_login(admin)
    response = client.post(member_url("member_role", organizer, organization), {"role": "owner"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Choose one of the roles."]
    assert membership(organizer, organization).role == "organizer"
    assert AuditEvent.objects.filter(action="update").count() == 0


def test_member_role_last_admin_cannot_lower_their_own_role(client, admin, organization):
    client.force_login(admin)
    response = client.post(member_url("member_role", admin, organization), {"role": "organizer"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "You are the organization's only administrator: make someone else an administrator first. "
        "Nothing was changed."
    ]
    assert membership(admin, organization).role == "admin"
    assert AuditEvent.objects.filter(action="update").count() == 0


def test_member_role_one_of_two_admins_may_lower_their_own_role(client, admin, organization):
    member("admin", organization, username="second")
    client.force_login(admin)
    response = client.post(member_url("member_role", admin, organization), {"role": "legal"})
    assert response["Location"] == "/"
    assert membership(admin, organization).role == "legal"


def test_member_role_coalition_admin_may_manage_any_organization(client, organizer, organization):
    staff = UserFactory(username="coalition", coalition_role="admin")
    client.force_login(staff)
    response = client.post(member_url("member_role", organizer, organization), {"role": "admin"})
    assert response["Location"] == organization.get_absolute_url()
    assert membership(organizer, organization).role == "admin"


def test_member_role_by_legal_staff_is_forbidden(client, legal, organizer, organization):
    client.force_login(legal)
    response = client.post(member_url("member_role", organizer, organization), {"role": "admin"})
    assert response.status_code == 403
    assert membership(organizer, organization).role == "organizer"


def test_member_action_on_another_organizations_member_is_not_found(client, admin, other_admin, organization):
    other = other_admin.memberships.get()
    client.force_login(admin)
    mixed = reverse("accounts:member_role", args=[organization.uuid, other.uuid])
    theirs = reverse("accounts:member_role", args=[other.organization.uuid, other.uuid])
    assert client.post(mixed, {"role": "organizer"}).status_code == 404
    assert client.post(theirs, {"role": "organizer"}).status_code == 404
    assert Membership.objects.get(pk=other.pk).role == "admin"


def test_member_actions_answer_post_only(client, admin, organizer, organization):
    client.force_login(admin)
    for name in ("member_role", "member_unlock", "member_reset_two_factor"):
        assert client.get(member_url(name, organizer, organization)).status_code == 405, name
    assert Membership.objects.filter(organization=organization).count() == 2


def test_member_remove_asks_first_and_removes_nobody_until_confirmed(client, admin, organizer, organization):
    organizer.first_name, organizer.last_name = "Maria", "Lopez"
    organizer.save()
    client.force_login(admin)
    url = member_url("member_remove", organizer, organization)

    page = client.get(organization.get_absolute_url()).content.decode()
    ask = client.get(url).content.decode()
    leave = client.get(member_url("member_remove", admin, organization)).content.decode()

    link = f'<a class="button" href="{url}" aria-label="Remove organizer from the organization">Remove</a>'
    assert link in page
    assert (
        f"Remove Maria Lopez from {organization.name}? They lose access to its records at once; their "
        "account and their other organizations are kept."
    ) in ask
    assert '<button type="submit" name="confirm" value="yes" class="primary">Remove</button>' in ask
    assert f"Leave {organization.name}? You lose access to its records at once;" in leave
    client.post(url)  # without the confirmation: asked again
    assert Membership.objects.filter(organization=organization).count() == 2
    client.post(url, {"confirm": "yes"})
    assert not Membership.objects.filter(organization=organization, user=organizer).exists()


def test_member_actions_need_the_csrf_token(admin, organizer, organization):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post(member_url("member_remove", organizer, organization))
    assert response.status_code == 403
    assert membership(organizer, organization).role == "organizer"


# Removal


def test_member_remove_keeps_the_account_and_other_memberships(client, admin, organizer, organization):
    OrganizationFactory(name="Centro Unido").memberships.create(user=organizer, role="legal")
    client.force_login(admin)
    response = client.post(member_url("member_remove", organizer, organization), {"confirm": "yes"})

    assert response["Location"] == organization.get_absolute_url()
    assert list(organizer.memberships.values_list("organization__name", "role")) == [
        ("Centro Unido", "legal")
    ]
    assert User.objects.get(pk=organizer.pk).is_active is True
    assert events("delete") == [("admin", "accounts.user", "Local 12", "member removed: organizer → none")]


def test_member_remove_last_admin_cannot_remove_themself(client, admin, organizer, organization):
    client.force_login(admin)
    response = client.post(member_url("member_remove", admin, organization), {"confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "You are the organization's only administrator: make someone else an administrator first. "
        "Nothing was changed."
    ]
    assert membership(admin, organization).role == "admin"
    assert AuditEvent.objects.filter(action="delete").count() == 0


def test_member_remove_coalition_admin_cannot_remove_the_last_admin(client, admin, organization):
    client.force_login(UserFactory(coalition_role="admin"))
    response = client.post(member_url("member_remove", admin, organization), {"confirm": "yes"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "This is the organization's only administrator: the organization must keep one. Nothing was changed."
    ]
    assert membership(admin, organization).role == "admin"


def test_member_remove_one_of_two_admins_may_leave(client, admin, organization):
    member("admin", organization, username="second")
    client.force_login(admin)
    response = client.post(member_url("member_remove", admin, organization), {"confirm": "yes"})
    assert response["Location"] == "/"
    assert Membership.objects.filter(user=admin).count() == 0


# Locks and two-factor login


def test_member_unlock_clears_failures_from_every_address(client, admin, organizer, organization):
    for n in range(1, 21):
        client.post(
            reverse("accounts:login"),
            {"username": "organizer", "password": "wrong"},
            REMOTE_ADDR=f"10.1.0.{n}",
        )
    client.force_login(admin)
    page = client.get(organization.get_absolute_url())
    assert [m.locked for m in page.context["members"]] == [False, True]

    response = client.post(member_url("member_unlock", organizer, organization))

    assert response["Location"] == organization.get_absolute_url()
    assert AccessAttempt.objects.filter(username="organizer").count() == 0
    assert lockout.username_failures("organizer") == 0
    assert events("update") == [("admin", "accounts.user", "Local 12", "sign-in lock lifted: 20 records → 0")]
    client.logout()
    login = client.post(reverse("accounts:login"), {"username": "organizer", "password": PASSWORD})
    assert login["Location"] == "/"


def test_member_reset_two_factor_makes_them_enrol_again(client, settings, admin, legal, organization):
    totp_device(legal)
    StaticDevice.objects.create(user=legal, name="Backup codes", confirmed=True)
    client.force_login(admin)
    response = client.post(member_url("member_reset_two_factor", legal, organization))

    assert response["Location"] == organization.get_absolute_url()
    assert (
        TOTPDevice.objects.filter(user=legal).count(),
        StaticDevice.objects.filter(user=legal).count(),
    ) == (0, 0)
    assert events("update") == [
        ("admin", "accounts.user", "Local 12", "two-factor login reset: 1 authenticator(s) → 0")
    ]
    client.logout()
    settings.TWO_FACTOR_REQUIRED_ROLES = ["legal", "admin"]
    client.post(reverse("accounts:login"), {"username": "legal", "password": PASSWORD})
    assert client.get("/")["Location"] == "/two-factor/setup/"


# The organization page


def test_organization_page_shows_actions_and_pending_invitations(client, admin, legal, organization):
    totp_device(legal)
    client.force_login(admin)
    invite(client, organization, email="rosa@example.org")
    page = client.get(organization.get_absolute_url())
    text = page.content.decode()
    assert [(m.user.username, m.two_factor, m.is_me) for m in page.context["members"]] == [
        ("admin", False, True),
        ("legal", True, False),
    ]
    assert [i.email for i in page.context["invitations"]] == ["rosa@example.org"]
    assert "Reset two-factor login for legal" in text
    assert "Leave the organization" in text


def test_withdrawn_invitation_leaves_the_list_and_its_link_stops_working(
    client, admin, organization, mailoutbox
):
    client.force_login(admin)
    invite(client, organization, email="wrong@example.org")
    invitation = Invitation.objects.get()
    url = reverse("accounts:invitation_withdraw", args=[organization.uuid, invitation.uuid])
    page = client.get(organization.get_absolute_url()).content.decode()

    response = client.post(url, follow=True)
    again = client.post(url, follow=True)

    assert f'<form method="post" action="{url}">' in page
    assert 'aria-label="Withdraw the invitation to wrong@example.org">Withdraw</button>' in page
    assert [str(m) for m in response.context["messages"]] == [
        "Invitation to wrong@example.org withdrawn: its link no longer works."
    ]
    assert list(response.context["invitations"]) == []
    assert [str(m) for m in again.context["messages"]] == ["This invitation was already used or has expired."]
    withdrawn = AuditEvent.objects.filter(object_id=str(invitation.uuid), summary="invitation withdrawn")
    assert withdrawn.count() == 1
    with translation.override("es"):
        assert translate_summary(withdrawn.get()) == "Invitación retirada"
    client.logout()
    assert client.get(link_in(mailoutbox[0])).status_code == 404


def test_organization_page_query_count_is_the_same_for_one_or_many_members(client, admin, organization):
    client.force_login(admin)
    url = organization.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        totp_device(member("organizer", organization, username=f"extra{n}"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["members"]) == 6
    assert len(many) == len(one)


# Coalition staff


def test_coalition_admin_creates_an_organization_and_invites_its_first_admin(client):
    staff = UserFactory(username="coalition", coalition_role="admin")
    client.force_login(staff)
    response = client.post(
        reverse("accounts:organization_new"),
        {"name": "Local 77", "kind": "worker_center", "admin_email": "lead@example.org", "language": "es"},
    )

    organization = Organization.objects.get(name="Local 77")
    assert response["Location"] == organization.get_absolute_url()
    assert organization.kind == "worker_center"
    invitation = Invitation.objects.get()
    assert (invitation.organization, invitation.role, invitation.email) == (
        organization,
        "admin",
        "lead@example.org",
    )
    assert mail.outbox[0].subject == "Invitación a Local 77 en la Mesa de casos POWER"
    assert events("create") == [
        ("coalition", "accounts.organization", "Local 77", "organization created: worker_center"),
        ("coalition", "accounts.invitation", "Local 77", "member invited: admin"),
    ]
    assert [o.name for o in client.get(reverse("accounts:organization_list")).context["organizations"]] == [
        "Local 77"
    ]


def test_coalition_admin_duplicate_organization_name_is_refused(client, organization):
    client.force_login(UserFactory(coalition_role="admin"))
    response = client.post(
        reverse("accounts:organization_new"),
        {"name": "local 12", "kind": "union_local", "admin_email": "lead@example.org", "language": "en"},
    )
    assert response.context["form"].errors == {"name": ["An organization with this name already exists."]}
    assert (Organization.objects.count(), Invitation.objects.count(), len(mail.outbox)) == (1, 0, 0)


def test_organization_creation_by_an_organization_admin_is_forbidden(client, admin):
    client.force_login(admin)
    assert client.get(reverse("accounts:organization_new")).status_code == 403
    assert client.get(reverse("accounts:organization_list")).status_code == 403


def test_coalition_admin_sees_the_organizations_menu_entry(client, admin):
    client.force_login(UserFactory(coalition_role="admin"))
    assert 'href="/organizations/"' in client.get("/").content.decode()
    client.force_login(admin)
    assert 'href="/organizations/"' not in client.get("/").content.decode()


def test_organization_page_speaks_spanish(client, admin, organizer, organization):
    admin.language = "es"
    admin.save(update_fields=["language"])
    client.force_login(admin)
    text = client.get(organization.get_absolute_url()).content.decode()
    for phrase in ("Invitar a un miembro", "Rol de organizer", "Cambiar el rol", "Dejar la organización"):
        assert phrase in text, phrase


def test_invite_when_the_mail_server_is_down_saves_nothing(client, settings, admin, organization):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    client.force_login(admin)
    response = invite(client, organization)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["The invitation could not be sent: the mail server did not answer. Try again."]
    }
    assert (Invitation.objects.count(), events("create")) == (0, [])


def test_coalition_admin_new_organization_when_the_mail_server_is_down_saves_nothing(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    client.force_login(UserFactory(coalition_role="admin"))
    response = client.post(
        reverse("accounts:organization_new"),
        {"name": "Local 77", "kind": "union_local", "admin_email": "lead@example.org", "language": "en"},
    )
    assert response.status_code == 200
    assert (Organization.objects.count(), Invitation.objects.count(), events("create")) == (0, 0, [])


# The organization's mailing address (its letters print it)


def test_the_mailing_address_is_saved_tidied_and_audited(client, admin, organization):
    client.force_login(admin)
    url = reverse("accounts:organization_address", args=[organization.uuid])
    assert "No mailing address yet" in client.get(organization.get_absolute_url()).content.decode()

    typed = "  Local 12  \r\n\r\n1200   W. Harrison St\r\nChicago, IL 60607 "
    response = client.post(url, {"mailing_address": typed})

    assert response.status_code == 302
    assert response["Location"] == organization.get_absolute_url()
    organization.refresh_from_db()
    assert organization.mailing_address == "Local 12\n1200 W. Harrison St\nChicago, IL 60607"
    event = AuditEvent.objects.get(action="update")
    assert (event.actor, event.object_id, event.summary) == (
        admin,
        str(organization.uuid),
        "mailing address changed",
    )
    page = client.get(organization.get_absolute_url()).content.decode()
    assert "Local 12<br>1200 W. Harrison St<br>Chicago, IL 60607" in page
    assert "Change the mailing address" in page

    client.post(url, {"mailing_address": organization.mailing_address})  # the same again: no event
    assert AuditEvent.objects.filter(action="update").count() == 1


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("\n".join(["a line"] * 6), "Write the address in at most 5 lines."),
        ("x" * 301, "Ensure this value has at most 300 characters (it has 301)."),
    ],
)
def test_a_mailing_address_too_long_is_refused_and_nothing_changes(
    client, admin, organization, address, error
):
    client.force_login(admin)

    response = client.post(
        reverse("accounts:organization_address", args=[organization.uuid]), {"mailing_address": address}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"mailing_address": [error]}
    organization.refresh_from_db()
    assert organization.mailing_address == ""
    assert not AuditEvent.objects.filter(action="update").exists()


def test_the_mailing_address_page_in_spanish(client, admin, organization):
    client.force_login(admin)

    page = client.get(
        reverse("accounts:organization_address", args=[organization.uuid]), headers={"accept-language": "es"}
    ).content.decode()

    assert '<label for="id_mailing_address">Dirección postal</label>' in page
