"""Access rules of the accounts URLs: sign-in and account pages, an organization's page and its members."""

import datetime

from django.utils import timezone

from power_campaign.accounts.models import Invitation, token_hash
from tests.matrix import ADMIN_ONLY, COALITION_ADMIN, GET, GET_POST, POST, SIGNED_IN, Rule, own_org


def member_of(ctx):
    """The organization's page of one of its members (the legal staff member who owns the records)."""
    organization = ctx["organization"]
    return {"uuid": organization.uuid, "member": ctx["records"][organization.pk]["membership"].uuid}


def invitation_of(ctx):
    """A pending invitation into the organization."""
    organization = ctx["organization"]
    return {"uuid": organization.uuid, "invitation": ctx["records"][organization.pk]["invitation"].uuid}


def records(organization, owner):
    invitation = Invitation.objects.create(
        organization=organization,
        email="invited@example.org",
        role="organizer",
        language="en",
        token_hash=token_hash(Invitation.new_token()),
        invited_by=owner,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    return {"membership": owner.memberships.get(organization=organization), "invitation": invitation}


RULES = {
    "accounts:login": Rule(GET_POST, public=True),
    "accounts:logout": Rule(POST, public=True),
    "accounts:set_language": Rule(POST, public=True),
    "accounts:password_reset": Rule(GET_POST, public=True),
    "accounts:password_reset_done": Rule(GET, public=True),
    "accounts:password_reset_confirm": Rule(
        GET_POST, public=True, kwargs=lambda ctx: {"uidb64": "MQ", "token": "set-password"}
    ),
    "accounts:password_reset_complete": Rule(GET, public=True),
    "accounts:two_factor_verify": Rule(GET_POST, roles=SIGNED_IN),
    "accounts:two_factor_setup": Rule(GET_POST, roles=SIGNED_IN),
    # 404 until the user has an authenticator
    "accounts:backup_codes": Rule(POST, roles=SIGNED_IN, ok=frozenset({404})),
    "accounts:account": Rule(GET_POST, roles=SIGNED_IN),
    "accounts:password_change": Rule(GET_POST, roles=SIGNED_IN),
    "accounts:organization": Rule(GET, roles=ADMIN_ONLY, kwargs=own_org, org_scoped=True),
    "accounts:invite": Rule(GET_POST, roles=ADMIN_ONLY, kwargs=own_org, org_scoped=True),
    "accounts:organization_address": Rule(GET_POST, roles=ADMIN_ONLY, kwargs=own_org, org_scoped=True),
    "accounts:invitation_withdraw": Rule(POST, roles=ADMIN_ONLY, kwargs=invitation_of, org_scoped=True),
    "accounts:member_role": Rule(POST, roles=ADMIN_ONLY, kwargs=member_of, org_scoped=True),
    "accounts:member_remove": Rule(GET_POST, roles=ADMIN_ONLY, kwargs=member_of, org_scoped=True),
    "accounts:member_unlock": Rule(POST, roles=ADMIN_ONLY, kwargs=member_of, org_scoped=True),
    "accounts:member_reset_two_factor": Rule(POST, roles=ADMIN_ONLY, kwargs=member_of, org_scoped=True),
    # Unknown links get the same "cannot be used" page as used and expired ones
    "accounts:invitation": Rule(
        GET_POST, public=True, kwargs=lambda ctx: {"token": "not-a-real-invitation"}, ok=frozenset({404})
    ),
    # Coalition staff (coalition_role "admin") only: every role in an organization is refused
    "accounts:organization_list": Rule(GET, roles=frozenset({COALITION_ADMIN})),
    "accounts:organization_new": Rule(GET_POST, roles=frozenset({COALITION_ADMIN})),
}
