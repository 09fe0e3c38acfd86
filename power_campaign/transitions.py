"""Status workflows: the allowed changes declared on the model, one audited way to make them.

A model with a status lists `Transitions` before `models.Model` among its bases and declares its graph:

    class Referral(Transitions, models.Model):
        Status = ReferralStatus  # a TextChoices defined at module level, so that Meta can name it
        transitions = {
            Status.OPEN: [Status.IN_REVIEW, Status.CLOSED],
            Status.IN_REVIEW: [Status.ACCEPTED, Status.CLOSED, Status.OPEN],
            ...
        }
        status_changed_field = "status_changed_at"  # optional: stamped at each transition
        status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)

        class Meta:
            constraints = [status_constraint(ReferralStatus, name="referral_status_valid")]

Then `transition(referral, "accepted", user=..., request=...)` (from the app's service, inside its
transaction) moves it if the graph allows it from the status stored in the database, stamps it, and writes
an audit event naming who and "status: in_review → accepted"; anything else raises TransitionNotAllowed
and changes nothing. Forms offer `obj.next_status_choices` and validate with `obj.check_transition(value)`.
A new record may start in any valid status (demo data, imports); the constraint keeps out any other value.
"""

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext


class TransitionNotAllowed(Exception):
    def __init__(self, obj, source, target):
        self.obj, self.source, self.target = obj, source, target
        super().__init__(f"{obj._meta.label}: {source} → {target} is not an allowed transition.")

    @property
    def message(self):
        """For the user, in their language."""
        labels = dict(_status_choices(self.obj))
        return gettext("%(model)s: cannot go from “%(source)s” to “%(target)s”.") % {
            "model": capfirst(self.obj._meta.verbose_name),
            "source": labels.get(self.source, self.source),
            "target": labels.get(self.target, self.target),
        }


def _status_choices(obj):
    return obj._meta.get_field(obj.status_field).flatchoices


def status_constraint(choices, *, name, field="status"):
    """A database CheckConstraint: `field` holds one of `choices`' values (a TextChoices class)."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": list(choices.values)}), name=name)


class Transitions:
    """Mixin for a model with a status and a declared graph of allowed changes."""

    status_field = "status"
    status_changed_field = None
    transitions = {}  # status: [statuses it may change to]

    def allowed_statuses(self):
        return list(self.transitions.get(getattr(self, self.status_field), ()))

    @property
    def next_status_choices(self):
        """(value, label) of each status this record may change to, in the declared order."""
        labels = dict(_status_choices(self))
        return [(value, labels[value]) for value in self.allowed_statuses()]

    def check_transition(self, target, source=None):
        source = getattr(self, self.status_field) if source is None else source
        if target not in self.transitions.get(source, ()):
            raise TransitionNotAllowed(self, source, target)


def transition(obj, target, *, user, request=None):
    """Move `obj` to status `target`, checked against the status stored now (the row is locked), and audit
    it. Call inside a transaction (the app's service). Raises TransitionNotAllowed, changing nothing."""
    from power_campaign.audit.models import AuditEvent  # models import this module: no cycle at load

    field = obj.status_field
    stored = type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list(field, flat=True).get()
    obj.check_transition(target, source=stored)
    setattr(obj, field, target)
    update_fields = [field]
    if obj.status_changed_field:
        setattr(obj, obj.status_changed_field, timezone.now())
        update_fields.append(obj.status_changed_field)
    obj.save(update_fields=update_fields)
    AuditEvent.objects.record(
        action=AuditEvent.Action.UPDATE,
        request=request,
        actor=user,
        obj=obj,
        summary=f"{field}: {stored} → {target}",
    )
    return obj
