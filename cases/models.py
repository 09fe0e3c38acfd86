"""Worksites, organizing drives, incidents and evidence: the hub the other apps link to.

No immigration status is stored anywhere in this app: that is legal data and lives in `uvisa`.
"""

import collections
import uuid
from functools import cached_property, reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import connection, models, transaction
from django.db.models import Case, Count, Exists, Max, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from power_campaign import phones, zones
from power_campaign.accounts.access import (
    LegalOnlyQuerySet,
    OrganizationFromField,
    OrganizationScopedQuerySet,
    Role,
)
from power_campaign.accounts.models import User
from power_campaign.crypto.fields import EncryptedCharField, EncryptedTextField
from power_campaign.documents.api import ExhibitSource, reference_of
from power_campaign.formats import date_format
from power_campaign.immutable import Immutable
from power_campaign.labels import ChoiceLabels
from power_campaign.links import record_url
from power_campaign.search import Searchable, SearchableQuerySet, keys_first
from power_campaign.transitions import Transitions, status_constraint

US_STATES = [
    (code, code)
    for code in [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "PR",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "GU",
        "VI",
        "AS",
        "MP",
    ]
]


class Stage(models.TextChoices):
    """Organizing stages, in order; `lost` and `dormant` can follow any of them."""

    FIRST_CONTACT = "first_contact", _("First contact")
    COMMITTEE = "committee", _("Committee formed")
    MAJORITY = "majority", _("Majority support")
    DEMAND = "demand", _("Demand for recognition or petition filed")
    ELECTION = "election", _("Election or recognition")
    BARGAINING = "bargaining", _("Bargaining")
    RATIFIED = "ratified", _("Contract ratified")
    LOST = "lost", _("Lost")
    DORMANT = "dormant", _("Dormant")


class Industry(models.TextChoices):
    WAREHOUSE = "warehouse", _("Warehouse and logistics")
    FOOD_PROCESSING = "food_processing", _("Food processing and meatpacking")
    RESTAURANT = "restaurant", _("Restaurant and food service")
    HOTEL = "hotel", _("Hotel and hospitality")
    CONSTRUCTION = "construction", _("Construction")
    AGRICULTURE = "agriculture", _("Agriculture")
    CLEANING = "cleaning", _("Cleaning and janitorial")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CARE = "care", _("Health and home care")
    RETAIL = "retail", _("Retail")
    CAR_WASH = "car_wash", _("Car wash")
    OTHER = "other", _("Other")


class WorksiteQuerySet(SearchableQuerySet, OrganizationScopedQuerySet):
    search_fields = ("employer_name", "dba", "city", "street", "notes")

    def assigned_first(self, user):
        """The worksites `user` is an organizer of first, then the others; by employer within each."""
        theirs = Worksite.organizers.through.objects.filter(worksite=OuterRef("pk"), user=user)
        return self.annotate(assigned=Exists(theirs)).order_by("-assigned", "employer_name", "pk")

    def search(self, text):
        """Worksites whose own text, incidents or contacts match (their keys read first: keys_first)."""
        searches = [
            Worksite.objects.matching(text).order_by().values_list("pk", flat=True),
            Incident.objects.matching(text).order_by().values_list("worksite_id", flat=True),
            Contact.objects.matching(text).order_by().values_list("worksite_id", flat=True),
        ]
        keys = keys_first(searches[0].union(*searches[1:]))
        if keys is not None:
            return self.filter(pk__any_of=keys)
        return self.filter(reduce(or_, (Q(pk__in=search) for search in searches)))

    def with_incident_summary(self):
        """Each worksite's `incident_count` and `last_incident` (when the latest happened, or None).

        Subqueries rather than a join: on a paginated list they are computed for the page's rows only.
        """
        incidents = Incident.objects.filter(worksite=OuterRef("pk")).order_by().values("worksite")
        return self.annotate(
            incident_count=Coalesce(Subquery(incidents.annotate(count=Count("*")).values("count")), 0),
            last_incident=Subquery(incidents.annotate(last=Max("occurred_at")).values("last")),
        )


MAX_WORKERS = 100_000  # at one worksite: more is a typing slip


class Worksite(ChoiceLabels, Searchable):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="worksites",
        verbose_name=_("organization"),
    )
    employer_name = models.CharField(_("employer's legal name"), max_length=200)
    dba = models.CharField(_("doing business as"), max_length=200, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=US_STATES)
    postal_code = models.CharField(
        _("ZIP code"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9]{5}(-[0-9]{4})?$", _("Write the ZIP code as 5 digits, for example 60609."))
        ],
    )
    industry = models.CharField(
        _("industry"), max_length=30, choices=Industry.choices, default=Industry.OTHER
    )
    headcount = models.PositiveIntegerField(
        _("approximate number of workers"), null=True, blank=True, validators=[MaxValueValidator(MAX_WORKERS)]
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("For example: Spanish, English, K'iche'"),
    )
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_worksites",
        verbose_name=_("assigned organizers"),
    )
    notes = models.TextField(_("notes"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=zones.choices,
        default=zones.default,
        help_text=_(
            "Incident dates and times at this worksite are typed and shown in this time zone, and the "
            "deadlines they set are counted on its calendar."
        ),
    )
    current_stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.FIRST_CONTACT, editable=False
    )
    current_stage_on = models.DateField(_("date of the stage"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorksiteQuerySet.as_manager()

    class Meta:
        ordering = ["employer_name"]
        verbose_name = _("worksite")
        verbose_name_plural = _("worksites")
        indexes = [
            models.Index(fields=["organization", "employer_name"], name="worksite_org_name_idx"),
            models.Index(fields=["organization", "current_stage"], name="worksite_org_stage_idx"),
            models.Index(fields=["organization", "updated_at"], name="worksite_org_updated_idx"),
            # Records counted through their worksite (agreements, proposals, referrals by organization) join
            # this index instead of reading the wide worksite rows.
            models.Index(fields=["organization", "id"], name="worksite_org_id_idx"),
            models.Index(fields=["state"], name="worksite_state_idx"),
            # The worksite list across organizations, in its two usual orders: read in index order and
            # stopped after a page, instead of sorting every worksite the user may see.
            models.Index(fields=["employer_name", "id"], name="worksite_name_id_idx"),
            models.Index(fields=["-updated_at", "id"], name="worksite_changed_id_idx"),
        ]

    def __str__(self):
        return f"{self.employer_name} ({self.city}, {self.state})"

    def get_absolute_url(self):
        return record_url("cases:worksite", self.uuid)

    @property
    def display_name(self):
        return f"{self.employer_name} d/b/a {self.dba}" if self.dba else self.employer_name

    @property
    def zone(self):
        """Its time zone (a ZoneInfo): the one its incidents' dates and times are typed and shown in."""
        return zones.get(self.time_zone)

    @cached_property
    def deadline_rules(self):
        """The deadline rules for its incidents, federal and its state's: read once for its page's deadlines
        and the list of its state's rules."""
        return [rule for rule in DeadlineRule.objects.every() if rule.state in ("", self.state)]

    def refresh_current_stage(self):
        """The current stage is the latest entry of the stage history by date; of entries of the same date,
        the one recorded last. With no history the drive is at first contact, on a date not known."""
        latest = self.stage_changes.order_by(*StageChange.LATEST_FIRST).first()
        self.current_stage = latest.stage if latest else Stage.FIRST_CONTACT
        self.current_stage_on = latest.date if latest else None
        Worksite.objects.filter(pk=self.pk).update(
            current_stage=self.current_stage, current_stage_on=self.current_stage_on
        )

    @property
    def first_contact_on(self):
        """The date of first contact: that of the earliest first-contact entry of the stage history, or None
        when it is not known (the chronology then has no first-contact entry)."""
        return first_contact_date(self.stage_changes.all())


class StageChangeQuerySet(OrganizationScopedQuerySet):
    organization_field = "worksite__organization"


class StageChange(ChoiceLabels, OrganizationFromField, models.Model):
    worksite = models.ForeignKey(Worksite, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = StageChangeQuerySet.as_manager()

    # The stage history's order, newest first: by date, then (same date) the one recorded last.
    LATEST_FIRST = ("-date", "-recorded_at", "-pk")

    class Meta:
        ordering = ["-date", "-recorded_at", "-pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage history")

    def __str__(self):
        return f"{self.get_stage_display()} ({self.date})"


def first_contact_date(changes):
    """The earliest first-contact date of stage history entries (an iterable, prefetched or not), or None."""
    dates = [change.date for change in changes if change.stage == Stage.FIRST_CONTACT]
    return min(dates) if dates else None


class ContactQuerySet(SearchableQuerySet, OrganizationScopedQuerySet):
    organization_field = "worksite__organization"
    search_fields = ("name", "committee_role")


class Contact(ChoiceLabels, OrganizationFromField, Searchable):
    """A worker leader or witness. Never immigration status: that stays in `uvisa`."""

    class CommitteeRole(models.TextChoices):
        LEADER = "leader", _("Worker leader")
        COMMITTEE = "committee", _("Committee member")
        WITNESS = "witness", _("Witness")
        SUPPORTER = "supporter", _("Supporter")
        OTHER = "other", _("Other")

    class Language(models.TextChoices):
        SPANISH = "es", _("Spanish")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    worksite = models.ForeignKey(Worksite, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=Language.choices, default=Language.SPANISH
    )
    phone = EncryptedCharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_(
            "With the country code if it is not a US number, for example +52 55 1234 5678. Stored encrypted."
        ),
    )
    committee_role = models.CharField(
        _("role on the committee"), max_length=20, choices=CommitteeRole.choices
    )
    consent_to_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.phone = phones.normalized(self.phone)  # E.164; the forms have refused invalid numbers
        super().save(*args, **kwargs)

    @property
    def edit_url(self):
        return record_url("cases:contact_edit", self.uuid)

    @property
    def shown_phone(self):
        """The phone number (E.164, as in a tel: link) as pages and exports may show it: only if the contact
        agreed to be contacted."""
        return self.phone if self.consent_to_contact else ""

    @property
    def shown_phone_display(self):
        """`shown_phone` as people read it: national format for US numbers, international for others."""
        return phones.display(self.shown_phone)


class IncidentType(models.TextChoices):
    ICE_VISIT = "ice_visit", _("ICE visit or raid")
    I9_NOTICE = "i9_notice", _("I-9 notice of inspection")
    EVERIFY = "everify", _("E-Verify or re-verification demand")
    NO_MATCH = "no_match", _("No-match letter")
    IMMIGRATION_THREAT = "immigration_threat", _("Threat to call immigration")
    RETALIATION = "retaliation", _("Retaliatory firing or discipline")
    WAGE_THEFT = "wage_theft", _("Wage theft")
    UNSAFE = "unsafe", _("Unsafe conditions")
    ASSAULT = "assault", _("Assault or sexual harassment")
    SURVEILLANCE = "surveillance", _("Surveillance")
    OTHER = "other", _("Other")


# Employer actions set against protected activity in the retaliation chronology.
ADVERSE_TYPES = [
    IncidentType.ICE_VISIT,
    IncidentType.I9_NOTICE,
    IncidentType.EVERIFY,
    IncidentType.NO_MATCH,
    IncidentType.IMMIGRATION_THREAT,
    IncidentType.RETALIATION,
    IncidentType.SURVEILLANCE,
]


class IceDocument(models.TextChoices):
    JUDICIAL_WARRANT = "judicial_warrant", _("Judicial warrant (signed by a judge)")
    I200 = "i200", _("Administrative arrest warrant (Form I-200)")
    I205 = "i205", _("Warrant of removal (Form I-205)")
    SUBPOENA = "subpoena", _("Subpoena")
    NOTICE_OF_INSPECTION = "notice_of_inspection", _("Notice of Inspection (I-9)")
    NONE = "none", _("None shown")


class IncidentQuerySet(SearchableQuerySet, OrganizationScopedQuerySet):
    organization_field = "worksite__organization"
    search_fields = ("description", "place")


class Incident(ChoiceLabels, OrganizationFromField, Searchable):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    worksite = models.ForeignKey(Worksite, on_delete=models.PROTECT, related_name="incidents")
    type = models.CharField(_("what happened"), max_length=30, choices=IncidentType.choices)
    occurred_at = models.DateTimeField(_("when"))
    place = models.CharField(_("where"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    workers_affected = models.PositiveIntegerField(
        _("workers affected"), null=True, blank=True, validators=[MaxValueValidator(MAX_WORKERS)]
    )
    witnesses = models.ManyToManyField(
        Contact, blank=True, related_name="witnessed", verbose_name=_("witnesses")
    )
    ice_document = models.CharField(
        _("document the agents showed"), max_length=30, choices=IceDocument.choices, blank=True
    )
    consent_given = models.BooleanField(_("consent to enter was given"), null=True, blank=True)
    union_notified_at = models.DateTimeField(_("when the union was notified"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            # A worksite's incidents newest first (its timeline); with the type (PostgreSQL), the worksite
            # list in name order checks each worksite for incidents of a type since a date from the index.
            models.Index(
                fields=["worksite", "occurred_at"], include=["type"], name="incident_site_when_type_idx"
            ),
            # Covering (PostgreSQL): "worksites with incidents of this type since" reads the index alone.
            models.Index(
                fields=["type", "occurred_at"], include=["worksite"], name="incident_type_when_site_idx"
            ),
            # Covering (PostgreSQL): the dashboard counts a year of incidents by month and type from the
            # index alone, and the incident list walks it newest first (its order, keys included) checking
            # each row's worksite without reading the row.
            models.Index(
                fields=["occurred_at", "id"],
                include=["type", "worksite"],
                name="incident_when_id_covering_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(type="ice_visit") | (Q(ice_document="") & Q(consent_given__isnull=True)),
                name="incident_ice_fields_only_for_ice_visits",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()}, {date_format(self.local_date, 'SHORT_DATE_FORMAT')}"

    def get_absolute_url(self):
        return record_url("cases:incident", self.uuid)

    @property
    def local_occurred_at(self):
        """When it happened in its worksite's time zone (pages show it so, with the zone's abbreviation)."""
        return zones.in_zone(self.occurred_at, self.worksite.zone)

    @property
    def local_date(self):
        """The day it happened at its worksite: what deadlines and agreements' terms count from."""
        return self.local_occurred_at.date()

    @property
    def local_union_notified_at(self):
        return zones.in_zone(self.union_notified_at, self.worksite.zone) if self.union_notified_at else None

    def save(self, *args, **kwargs):
        """Saved with the change it makes to its organization's monthly counts (IncidentCount), in one
        transaction; the stored row is locked first, so that two edits at once count from each other."""
        with transaction.atomic(using=kwargs.get("using")):
            before = None
            if not self._state.adding:
                before = (
                    Incident.objects.select_for_update(of=("self",))
                    .filter(pk=self.pk)
                    .values_list("worksite__organization", "occurred_at", "type")
                    .first()
                )
            super().save(*args, **kwargs)
            cells = collections.Counter([IncidentCount.cell_of(self)])
            if before:
                cells[IncidentCount.cell(*before)] -= 1
            IncidentCount.objects.add(cells)


def incident_deleted(sender, instance, **kwargs):
    """post_delete of an Incident (inside the deletion's transaction): one less in its month's count."""
    IncidentCount.objects.add({IncidentCount.cell_of(instance): -1})


class IncidentCountManager(models.Manager):
    BATCH = 250  # cells per statement: 1,000 parameters

    def add(self, cells):
        """Add each delta of `cells` ({(organization id, month, type): delta}) to its count, in the caller's
        transaction: one INSERT ... ON CONFLICT DO UPDATE (PostgreSQL and SQLite) per BATCH cells, so that
        concurrent writers' increments all count. Cells go in order: concurrent writers lock them in the
        same order."""
        rows = [
            (organization_id, connection.ops.adapt_datefield_value(month), type_, delta)
            for (organization_id, month, type_), delta in sorted(cells.items())
            if delta
        ]
        quote = connection.ops.quote_name
        table, count = quote(self.model._meta.db_table), quote("count")
        cell = ", ".join(quote(name) for name in ("organization_id", "month", "type"))
        with connection.cursor() as cursor:
            for start in range(0, len(rows), self.BATCH):
                batch = rows[start : start + self.BATCH]
                values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
                cursor.execute(
                    f"INSERT INTO {table} ({cell}, {count}) VALUES {values} ON CONFLICT ({cell}) "  # noqa: S608 (names from the model)
                    f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
                    [value for row in batch for value in row],
                )

    def counted(self, records):
        """`records` (new incidents saved in bulk, each with its worksite) are counted."""
        self.add(collections.Counter(IncidentCount.cell_of(record) for record in records))

    @transaction.atomic
    def recount(self):
        """Count every incident again, from the incidents themselves: after TIME_ZONE changes, or after
        incidents were written around the application (SQL). Writers of incidents wait meanwhile
        (PostgreSQL: a SHARE lock on the incidents)."""
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(Incident._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {table} IN SHARE MODE")
        self.all().delete()
        rows = (
            Incident.objects.annotate(
                month=TruncMonth(
                    "occurred_at", output_field=models.DateField(), tzinfo=timezone.get_default_timezone()
                )
            )
            .values("worksite__organization", "month", "type")
            .annotate(count=Count("*"))
            .values_list("worksite__organization", "month", "type", "count")
            .order_by()
        )
        self.bulk_create(
            IncidentCount(organization_id=organization, month=month, type=type_, count=count)
            for organization, month, type_, count in rows
        )


class IncidentCount(models.Model):
    """How many incidents an organization's worksites had in a month by type, kept up to date in the same
    transaction as every incident written through the ORM (Incident.save, incident_deleted,
    services.create_children): the dashboard's chart reads these rows instead of counting a year of
    incidents. A month is a month of the desk's time zone (settings.TIME_ZONE): after that setting
    changes, `manage.py recount_incidents`."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day
    type = models.CharField(max_length=30, choices=IncidentType.choices)
    count = models.IntegerField(default=0)

    objects = IncidentCountManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "month", "type"], name="incident_count_cell"),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.type}: {self.count}"

    @staticmethod
    def cell(organization_id, occurred_at, type_):
        """(organization id, first day of the month in the desk's time zone, type)."""
        day = timezone.localdate(occurred_at, timezone.get_default_timezone())
        return organization_id, day.replace(day=1), type_

    @classmethod
    def cell_of(cls, incident):
        """The cell `incident` is counted in (its worksite's organization read if not at hand)."""
        if Incident._meta.get_field("worksite").is_cached(incident):
            organization_id = incident.worksite.organization_id
        else:
            worksites = Worksite.objects.values_list("organization", flat=True)
            organization_id = worksites.get(pk=incident.worksite_id)
        return cls.cell(organization_id, incident.occurred_at, incident.type)


class WorksiteChildQuerySet(OrganizationScopedQuerySet):
    organization_field = "worksite__organization"


class AgencyFiling(ChoiceLabels, OrganizationFromField, models.Model):
    class Agency(models.TextChoices):
        WHD = "whd", _("DOL Wage and Hour Division (WHD)")
        OSHA = "osha", _("OSHA")
        EEOC = "eeoc", _("EEOC")
        NLRB = "nlrb", _("NLRB")
        STATE = "state", _("State agency")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    worksite = models.ForeignKey(Worksite, on_delete=models.PROTECT, related_name="filings")
    agency = models.CharField(_("agency"), max_length=10, choices=Agency.choices)
    state_agency_name = models.CharField(_("state agency name"), max_length=200, blank=True)
    case_number = models.CharField(_("charge or case number"), max_length=100, blank=True)
    filed_on = models.DateField(_("filed on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    incidents = models.ManyToManyField(
        Incident, blank=True, related_name="filings", verbose_name=_("incidents")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorksiteChildQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on"]
        verbose_name = _("agency filing")
        verbose_name_plural = _("agency filings")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("filed_on")),
                name="filing_closed_after_filed",
            ),
            models.CheckConstraint(
                condition=~Q(agency="state") | ~Q(state_agency_name=""), name="filing_state_agency_named"
            ),
        ]

    def __str__(self):
        return f"{self.get_agency_display()} {self.case_number}".strip()

    @property
    def agency_label(self):
        return self.state_agency_name if self.agency == self.Agency.STATE else self.get_agency_display()

    @property
    def edit_url(self):
        return record_url("cases:filing_edit", self.uuid)


class ProtectedActivity(ChoiceLabels, OrganizationFromField, models.Model):
    """Concerted activity the law protects, set against adverse actions in the retaliation chronology."""

    class Kind(models.TextChoices):
        ORGANIZING = "organizing", _("Organizing meeting or action")
        COMPLAINT = "complaint", _("Complaint to the employer")
        PETITION = "petition", _("Petition or delegation")
        STRIKE = "strike", _("Strike or walkout")
        TESTIMONY = "testimony", _("Testimony or interview with an agency")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    worksite = models.ForeignKey(Worksite, on_delete=models.PROTECT, related_name="protected_activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorksiteChildQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("protected activity")
        verbose_name_plural = _("protected activities")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date})"


def evidence_path(instance, filename):
    return f"evidence/{instance.uploaded_at:%Y/%m}/{instance.uuid}"


def evidence_display_path(instance, filename):
    return f"evidence/{instance.uploaded_at:%Y/%m}/{instance.uuid}-shown"


class IncidentChildQuerySet(OrganizationScopedQuerySet):
    organization_field = "incident__worksite__organization"


class Evidence(ChoiceLabels, OrganizationFromField, Immutable, models.Model):
    """A file attached to an incident: the original is kept byte for byte for chain of custody.

    Written once (`cases.evidence.add_evidence`): saving it again or deleting it raises ImmutableError.
    """

    immutable_hint = "upload the file again as new evidence"

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        PDF = "pdf", _("PDF document")
        AUDIO = "audio", _("Audio")
        VIDEO = "video", _("Video")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(max_length=50)
    description = models.CharField(_("description"), max_length=300, blank=True)
    file = models.FileField(upload_to=evidence_path)
    shown_file = models.FileField(upload_to=evidence_display_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    shown_sha256 = models.CharField(_("SHA-256 of the copy without location"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"))

    objects = IncidentChildQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return record_url("cases:evidence", self.uuid)


    @property
    def can_be_exhibit(self):
        """Packets take photos and PDFs (audio and video cannot be printed)."""
        return self.kind in (self.Kind.PHOTO, self.Kind.PDF)

    def exhibit_source(self, with_location=False):
        """The file as a packet exhibit: a photo as its copy without location data, unless asked for."""
        shown = self.kind == self.Kind.PHOTO and not with_location
        name = self.original_name
        if shown and self.content_type != "image/jpeg":  # the copy is a PNG (see evidence.shown_copy)
            name = f"{name.rsplit('.', 1)[0] if '.' in name else name}.png"
        return ExhibitSource(
            file=self.shown_file if shown else self.file,
            name=name,
            sha256=self.shown_sha256 if shown else self.sha256,
            uploaded_by=self.uploaded_by,
            uploaded_at=self.uploaded_at,
            custody_url=self.get_absolute_url(),
            reference=reference_of(self),
            label=f"{self.original_name} · {self.incident} · {self.incident.worksite.employer_name}",
            organization=self.organization,
            includes_location=self.kind == self.Kind.PHOTO and with_location,
            description=self.description,
        )


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Waiting for legal review")
    IN_REVIEW = "in_review", _("Legal is reviewing")
    ACCEPTED = "accepted", _("Legal has taken the case")
    CLOSED = "closed", _("Closed by legal")


class ReferralQuerySet(LegalOnlyQuerySet):
    """Referrals are legal staff's: other roles see one only where a caller widens `roles`."""

    organization_field = "organization"
    default_roles = (Role.LEGAL,)

    def status_counts(self):
        """[(status, label, count)] for every status, in the declared order, zeros included: one query."""
        counts = dict(self.order_by().values_list("status").annotate(count=Count("*")))
        return [(value, label, counts.get(value, 0)) for value, label in Referral.Status.choices]

    def queue(self):
        """Legal's work queue: waiting for review first, closed last (the order of the statuses, not of
        their codes), the newest first within a status."""
        statuses = Referral.Status.values
        return self.order_by(
            Case(*[When(status=status, then=index) for index, status in enumerate(statuses)]), "-referred_at"
        )


class Referral(ChoiceLabels, Transitions, models.Model):
    """An organizer flags an incident as a possible crime for legal review.

    Organizers see only the status; the legal work itself lives in `uvisa`. Legal moves it along the
    declared transitions (services.set_referral_status): it is reviewed before it is accepted, a reviewer may
    hand it back to the queue, an accepted case can only be closed, and a closed one reopens for review.
    """

    Status = ReferralStatus
    transitions = {
        Status.OPEN: [Status.IN_REVIEW, Status.CLOSED],
        Status.IN_REVIEW: [Status.ACCEPTED, Status.CLOSED, Status.OPEN],
        Status.ACCEPTED: [Status.CLOSED],
        Status.CLOSED: [Status.IN_REVIEW],
    }
    status_changed_field = "status_changed_at"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="referral")
    # The incident's organization (a worksite's is set once, an incident's worksite too), kept here so
    # that legal's queue and counts read an organization's referrals without joining every incident;
    # save() sets it.
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="+", editable=False
    )
    reason = models.TextField(_("why this may be a crime"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    notes = EncryptedTextField(
        _("legal notes"), blank=True, help_text=_("Seen only by legal staff. Stored encrypted.")
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_at"]
        verbose_name = _("referral to legal")
        verbose_name_plural = _("referrals to legal")
        constraints = [status_constraint(ReferralStatus, name="referral_status_valid")]
        indexes = [models.Index(fields=["organization", "status"], name="referral_org_status_idx")]

    def __str__(self):
        return f"{self.incident} · {self.get_status_display()}"

    def save(self, *args, **kwargs):
        if self.organization_id is None:
            self.organization_id = self.incident.worksite.organization_id
        super().save(*args, **kwargs)

    @property
    def audit_name(self):
        """Its name in the audit history, whose events are of every status it had (power_campaign.audit)."""
        return str(self.incident)

    def reason_visible_to(self, user):
        """Whether `user` may read why the incident was referred: legal staff of its organization, and the
        organizer who referred it (while still a member of the organization); nobody else."""
        role = user.role_in(self.organization)
        return role == Role.LEGAL or (role is not None and self.referred_by_id == user.pk)

    def assignable_staff(self):
        """Who may be assigned the referral: the active legal staff of its organization."""
        return User.objects.filter(
            memberships__organization=self.organization, memberships__role=Role.LEGAL, is_active=True
        ).order_by("first_name", "last_name", "username")


class DeadlineRuleManager(models.Manager):
    CACHE_KEY = "cases:deadline-rules"
    CACHE_SECONDS = 3600  # a rule changed in the database by hand is read within the hour

    def every(self):
        """Every rule, by code, from the cache: every page with deadlines reads the rules, and an
        administrator changes one now and then. Saving or deleting a rule forgets the cached list, and so
        does `migrate` (a data migration's rules)."""
        rules = cache.get(self.CACHE_KEY)
        if rules is None:
            rules = list(self.order_by("code"))
            cache.set(self.CACHE_KEY, rules, self.CACHE_SECONDS)
        return rules

    def forget(self, **kwargs):
        """Read the rules from the database again (a signal receiver: rules saved, deleted or migrated):
        from now on, and once the change commits (a page of the same transaction may have read it)."""
        cache.delete(self.CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(self.CACHE_KEY))


class DeadlineRule(models.Model):
    """A deadline the law sets after an incident (reference data: editable, sourced, verified)."""

    class Unit(models.TextChoices):
        HOURS = "hours", _("hours")
        BUSINESS_DAYS = "business_days", _("business days")

    code = models.SlugField(unique=True)
    label = models.CharField(_("label"), max_length=200)
    label_es = models.CharField(_("label in Spanish"), max_length=200)
    incident_type = models.CharField(
        _("after incidents of type"), max_length=30, choices=IncidentType.choices
    )
    state = models.CharField(_("only in state"), max_length=2, choices=US_STATES, blank=True)
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    source = models.CharField(_("source"), max_length=300)
    last_verified = models.DateField(_("last verified"))

    objects = DeadlineRuleManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self):
        return self.label


class ImportBatch(models.Model):
    """A CSV import that passed validation, waiting for the user to confirm it.

    The rows (they hold phone numbers) are kept only encrypted, as JSON, and are cleared once the batch
    is imported or discarded; the uploaded file itself is never stored.
    """

    class Kind(models.TextChoices):
        WORKSITES = "worksites", _("Worksites")
        CONTACTS = "contacts", _("Contacts")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="import_batches",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("what to import"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    row_count = models.PositiveIntegerField(_("rows"))
    rows = EncryptedTextField(blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("CSV import")
        verbose_name_plural = _("CSV imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="imported", imported_at__isnull=False)
                | (~Q(status="imported") & Q(imported_at__isnull=True)),
                name="importbatch_imported_at_only_when_imported",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return record_url("cases:import_preview", self.uuid)
