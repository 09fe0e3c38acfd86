"""How the audit log shows the member-management summaries this app writes, in the reader's language (the
hook of power_campaign.audit.display: the stored summaries stay in English, as they are hashed)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .access import Role
from .models import Organization


def _role(value):
    return Role(value).label if value in Role.values else value


def _with_role(text):
    return lambda event, match: text() % {"role": _role(match["role"])}


def _role_changed(event, match):
    return _("Role changed: %(before)s → %(after)s") % {
        "before": _role(match["before"]),
        "after": _role(match["after"]),
    }


def _lock_lifted(event, match):
    count = int(match["count"])
    return ngettext(
        "Sign-in lock lifted (%(count)s failed sign-in cleared)",
        "Sign-in lock lifted (%(count)s failed sign-ins cleared)",
        count,
    ) % {"count": count}


def _two_factor_reset(event, match):
    count = int(match["count"])
    return ngettext(
        "Two-factor login reset (%(count)s authenticator removed)",
        "Two-factor login reset (%(count)s authenticators removed)",
        count,
    ) % {"count": count}


def _organization_created(event, match):
    kinds = dict(Organization.Kind.choices)
    return _("Organization created: %(kind)s") % {"kind": kinds.get(match["kind"], match["kind"])}


ROLE = r"(?P<role>\w+)"


def summaries():
    return [
        (rf"member added \(existing account\): {ROLE}", _with_role(lambda: _("Member added: %(role)s"))),
        (rf"member invited: {ROLE}", _with_role(lambda: _("Member invited: %(role)s"))),
        (rf"invitation accepted: {ROLE}", _with_role(lambda: _("Invitation accepted: %(role)s"))),
        (r"invitation withdrawn", lambda event, match: _("Invitation withdrawn")),
        (rf"member removed: {ROLE} → none", _with_role(lambda: _("Member removed (was %(role)s)"))),
        (r"role changed: (?P<before>\w+) → (?P<after>\w+)", _role_changed),
        (r"sign-in lock lifted: (?P<count>\d+) records → 0", _lock_lifted),
        (r"two-factor login reset: (?P<count>\d+) authenticator\(s\) → 0", _two_factor_reset),
        (r"organization created: (?P<kind>\w+)", _organization_created),
    ]
