"""Access rules of the audit URLs: the trail is for administrators."""

from tests.matrix import ADMIN_ONLY, GET, Rule

RULES = {
    "audit:event_list": Rule(GET, roles=ADMIN_ONLY),
}
