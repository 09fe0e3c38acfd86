"""Access rules of the accounts URLs: sign-in and account pages, an organization's page."""

from tests.matrix import ADMIN_ONLY, GET, GET_POST, POST, SIGNED_IN, Rule, own_org

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
}
