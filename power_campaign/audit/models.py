from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from power_campaign.labels import ChoiceLabels

from . import chain

GENESIS_HASH = "0" * 64
# Any fixed number: the PostgreSQL advisory lock that serialises writers of the chain.
CHAIN_LOCK_ID = 7_316_051


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are append-only.")

    def delete(self):
        raise AppendOnlyError("Audit events are append-only.")

    def for_user(self, user):
        """Events an administrator may browse: their organizations', their members' logins, and the failed
        sign-ins against their members' accounts (recorded with the member's first organization only)."""
        from power_campaign.accounts.models import Membership, Organization, Role

        if user.coalition_role == Role.ADMIN:
            return self.all()
        organizations = Organization.objects.for_user(user, roles=[Role.ADMIN])
        memberships = Membership.objects.filter(organization__in=organizations)
        members = memberships.values("user_id")
        member_keys = memberships.annotate(key=Cast("user_id", models.CharField())).values("key")
        return self.filter(
            Q(organization__in=organizations)
            | Q(organization=None, actor__in=members)
            | Q(action=AuditEvent.Action.FAILED_LOGIN, object_type="accounts.user", object_id__in=member_keys)
        )

    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=object_key(obj))


class AuditEventManager(models.Manager.from_queryset(AuditEventQuerySet)):
    def record(self, *, action, request=None, actor=None, obj=None, organization=None, summary=""):
        """Append one event to the hash chain. Never pass sensitive values in `summary`."""
        ip_address = None
        if request is not None:
            ip_address = get_client_ip_address(request) or None
            if actor is None and request.user.is_authenticated:
                actor = request.user
        object_type = object_id = ""
        if obj is not None:
            object_type, object_id = obj._meta.label_lower, object_key(obj)
            if organization is None:
                organization = obj if obj._meta.label_lower == "accounts.organization" else None
                organization = organization or getattr(obj, "organization", None)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_ID])
            last = self.order_by("-sequence").values_list("sequence", "hash").first()
            sequence, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
            key_id, key = chain.signing_key()
            event = self.model(
                sequence=sequence,
                created_at=timezone.now(),
                actor=actor,
                actor_username=actor.get_username() if actor else "",
                action=action,
                object_type=object_type,
                object_id=object_id,
                organization=organization,
                ip_address=ip_address,
                summary=summary[:500],
                prev_hash=prev_hash,
                key_id=key_id,
            )
            event.hash = chain.keyed_hash(event.canonical_content(), key)
            event.save(force_insert=True)
        return event


def object_key(obj):
    """How an object is named in the trail: its UUID where it has one, else its primary key."""
    return str(getattr(obj, "uuid", None) or obj.pk)


class AuditEvent(ChoiceLabels, models.Model):
    """One append-only entry of the audit trail, chained to the previous one by HMAC-SHA256 (chain.py)."""

    class Action(models.TextChoices):
        CREATE = "create", _("Create")
        UPDATE = "update", _("Update")
        DELETE = "delete", _("Delete")
        VIEW_SENSITIVE = "view_sensitive", _("View sensitive record")
        EXPORT = "export", _("Export")
        VIEW = "view", _("View")
        DOWNLOAD = "download", _("Download")
        DOWNLOAD_ORIGINAL = "download_original", _("Download of the original")
        SIGN = "sign", _("Sign")
        LOGIN = "login", _("Login")
        LOGOUT = "logout", _("Logout")
        FAILED_LOGIN = "failed_login", _("Failed login")
        PERMISSION_DENIED = "permission_denied", _("Permission denied")
        VERIFY = "verify", _("Verify a document")

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(_("when"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The id of the AUDIT_CHAIN_KEYS key the hash was made with (chain.key_id).
    key_id = models.CharField(max_length=16, default="", editable=False)

    objects = AuditEventManager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["organization", "created_at"], name="audit_org_created_idx"),
            models.Index(fields=["actor", "created_at"], name="audit_actor_created_idx"),
            models.Index(fields=["action", "created_at"], name="audit_action_created_idx"),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.object_type} {self.object_id}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are append-only.")

    def chain_values(self):
        """The fields the hash covers, in their fixed order."""
        return [
            self.sequence,
            self.created_at,
            self.actor_id,
            self.actor_username,
            self.action,
            self.object_type,
            self.object_id,
            self.organization_id,
            self.ip_address,
            self.summary,
            self.prev_hash,
        ]

    def canonical_content(self):
        return chain.canonical_content(self.chain_values(), self.key_id)

    def compute_hash(self, keys=None):
        """The event's HMAC with the key it names (None if that key is not configured)."""
        key = (chain.chain_keys() if keys is None else keys).get(self.key_id)
        return chain.keyed_hash(self.canonical_content(), key) if key else None


def verify_chain(events, keys=None):
    """Walk the events in sequence order; return (count, None) or (count, description of first break)."""
    keys = chain.chain_keys() if keys is None else keys
    expected_sequence, prev_hash, count = 1, GENESIS_HASH, 0
    for event in events:
        if event.sequence != expected_sequence:
            return count, (
                f"event #{expected_sequence} is missing (the next event found is #{event.sequence})"
            )
        if event.prev_hash != prev_hash:
            return count, f"event #{event.sequence} does not link to the event before it"
        if event.key_id not in keys:
            return count, (
                f"event #{event.sequence} names chain key {event.key_id or '(none)'}, "
                "which is not in AUDIT_CHAIN_KEYS"
            )
        if event.compute_hash(keys) != event.hash:
            return count, f"event #{event.sequence} was altered after it was written (hash mismatch)"
        expected_sequence, prev_hash, count = event.sequence + 1, event.hash, count + 1
    return count, None
