"""The main menu, contributed by the apps as the dashboard panels are.

An app with a `menu` module exposing `items(request)` adds entries: each a `MenuItem` with its label,
URL, the rule that marks it as the current page (aria-current) and, optionally, the roles that see it and
how many things wait there for the user (`attention`: the label says what they are; on a phone, where the
menu folds behind its button, the button shows their sum).
Entries are shown by `order` (then in the order `hooks.collect` finds them): the platform uses 0 for
the dashboard and 900 and up for packets, the audit log and the account; a domain app takes a number
in between (100 to 899).

`main_menu` is the context processor that hands the signed-in user's menu to templates/base.html.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import ResolverMatch
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from .hooks import collect
from .links import page_url


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: Callable[[ResolverMatch | None], bool]  # is the page of this resolver match this entry's?
    roles: tuple = ()  # shown to users holding one of these roles somewhere; to everyone if empty
    order: int = 500
    attention: int = 0  # how many things wait there for the user (possible breaches to review...)

    def shown_to(self, roles):
        return not self.roles or bool(set(self.roles) & set(roles))


@dataclass(frozen=True)
class MenuEntry:
    """A menu item as rendered for one request."""

    label: str
    url: str
    current: bool
    attention: int = 0


class Menu(list):
    """The entries of one request's menu, and how many things wait for the user in all of them."""

    @property
    def attention(self):
        return sum(entry.attention for entry in self)


def view_is(*view_names):
    """Rule: the page is one of these views ("dashboard", "accounts:account")."""
    return lambda match: match is not None and match.view_name in view_names


def app_is(app_name, *, except_views=()):
    """Rule: the page belongs to this URL namespace ("documents"), but is none of `except_views`."""
    return lambda match: (
        match is not None and match.app_name == app_name and match.view_name not in except_views
    )


def items(request):
    """The platform's own entry: the dashboard (the home page belongs to no app)."""
    return [MenuItem(_("Dashboard"), page_url("dashboard"), view_is("dashboard"), order=0)]


def entries(request):
    """The signed-in user's menu: every app's items they may see, in order, the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Menu()
    roles = user.roles()
    found = [*items(request), *collect("menu", "items", request)]
    found.sort(key=lambda item: item.order)
    match = getattr(request, "resolver_match", None)
    return Menu(
        MenuEntry(item.label, item.url, item.current(match), item.attention)
        for item in found
        if item.shown_to(roles)
    )


def main_menu(request):
    """Context processor: `main_menu`, worked out only when a template shows it."""
    return {"main_menu": SimpleLazyObject(lambda: entries(request))}
