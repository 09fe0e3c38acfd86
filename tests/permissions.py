"""Access rules of the URLs written in the project's own URLconf (power_campaign/urls.py)."""

from tests.matrix import GET, GET_POST, SIGNED_IN, Rule

RULES = {
    "dashboard": Rule(GET, roles=SIGNED_IN),
    "verify": Rule(GET_POST, public=True),
    "health": Rule(GET, public=True),
    "admin_login": Rule(GET, public=True),
    # The Django admin's "view on site" shortcut, scoped: tests/accounts/test_admin_scoping.py.
    "admin_view_on_site": Rule(GET, django_admin=True),
}
