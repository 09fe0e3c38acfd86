"""Sign-in lockout: django-axes with two limits instead of one.

- `AXES_FAILURE_LIMIT` failures for one user name from one address lock that user name on that address
  (django-axes' own rule, `AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`).
- `AXES_USERNAME_FAILURE_LIMIT` failures for one user name from any number of addresses lock that user
  name everywhere (password spraying from many addresses).

django-axes compares every lockout parameter with the same limit, so the second rule lives in this
handler, a subclass of its database handler. Both counts are read from the same rows
(`axes.AccessAttempt`, one per user name, address and browser, with the failures in the cool-off
window), so they hold across every worker process and server sharing the database, whatever the cache,
and lifting a lock
(`reset_username`) clears both.
"""

from axes.conf import settings  # Django's settings, with django-axes' defaults filled in
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.db.models import Sum
from django.utils import timezone


def cooloff_threshold():
    """Failures older than this no longer count."""
    return timezone.now() - settings.AXES_COOLOFF_TIME


def username_failures(username):
    """Failed sign-ins for `username` from every address within the cool-off window."""
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=cooloff_threshold())
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def locked_everywhere(username):
    return bool(username) and username_failures(username) >= settings.AXES_USERNAME_FAILURE_LIMIT


def locked_usernames(usernames):
    """Which of `usernames` are locked now, on some address or everywhere (one query)."""
    rows = (
        AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=cooloff_threshold())
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"))
    )
    totals, locked = {}, set()
    for row in rows:
        totals[row["username"]] = totals.get(row["username"], 0) + row["failures"]
        if row["failures"] >= settings.AXES_FAILURE_LIMIT:
            locked.add(row["username"])
    locked |= {name for name, total in totals.items() if total >= settings.AXES_USERNAME_FAILURE_LIMIT}
    return locked


def reset_username(username):
    """Forget every recorded failure for `username` (both limits); return how many rows went."""
    count, _ = AccessAttempt.objects.filter(username=username).delete()
    return count


class LockoutHandler(AxesDatabaseHandler):
    """`AXES_HANDLER`: django-axes' per-address rule, plus the per-user-name rule across addresses."""

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        username = get_client_username(request, credentials)
        return settings.AXES_LOCK_OUT_AT_FAILURE and locked_everywhere(username)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or not settings.AXES_LOCK_OUT_AT_FAILURE:
            return
        if getattr(request, "axes_locked_out", False):
            return
        username = get_client_username(request, credentials)
        if locked_everywhere(username):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=username, ip_address=request.axes_ip_address
            )
