"""U-visa cases (legal staff only): reference data the law defines (qualifying criminal activities and
their modifiers, certifying agencies), client cases opened from a referral with a bilingual intake,
screening against the four statutory requirements, and certification requests to agencies.

Every U-visa model is default-deny (`LegalOnlyQuerySet`): legal staff and administrators of the owning
organization only. A case assigned to particular legal staff narrows that further: then only they (and the
organization's administrators) see it and everything under it. Client identity fields are encrypted.
"""

import datetime
import re
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.access import LegalOnlyQuerySet, OrganizationFromField, Role
from power_campaign.crypto.fields import EncryptedCharField, EncryptedDateField, EncryptedTextField
from power_campaign.deadlines import add_months
from power_campaign.labels import ChoiceLabels
from power_campaign.links import record_url
from power_campaign.transitions import Transitions, status_constraint

CERTIFICATION_MONTHS = 6  # 8 C.F.R. § 214.14(c)(2)(i): signed within the six months before filing
ADULT_AGE = 18  # a younger victim is a child: child protective services may certify


def earliest_signature_valid_on(day):
    """The earliest signature date whose certification has not expired by `day` (it expires on `day` or
    later): the certifications still good on `day` are exactly those signed on this date or after, so the
    lists filter by signature date in SQL. Month ends make it a few days after `day` minus six months: a
    certification signed on Feb 28 expires on Aug 28, so on Aug 31 the earliest still good was signed on
    Mar 1."""
    signed = add_months(day, -CERTIFICATION_MONTHS)
    while add_months(signed, CERTIFICATION_MONTHS) < day:
        signed += datetime.timedelta(days=1)
    while add_months(signed - datetime.timedelta(days=1), CERTIFICATION_MONTHS) >= day:
        signed -= datetime.timedelta(days=1)
    return signed


# Form I-918 Supplement B, Part 1 (victim information), as the case holds it.
PART1_FIELDS = ("client_name", "other_names", "date_of_birth", "a_number", "gender")
EXPLICIT_ANSWERS = ("N/A", "None", "Unknown")


A_NUMBER = re.compile(r"A?[-\s]*(?:\d[-\s]*){7,9}", re.IGNORECASE)


def validate_a_number(value):
    """An alien registration number: 7 to 9 digits, with or without the A and separators (A-123-456-789)."""
    if not A_NUMBER.fullmatch(value.strip()):
        raise ValidationError(_("An A-number is 7 to 9 digits, as in A123456789."), code="a_number")


def _spanish():
    return (get_language() or "").startswith("es")


def _shipped(text):
    """`text` from a reference table in the reader's language when it is text the app ships (marked for
    the catalogue in uvisa/reference.py); text an administrator wrote is not in the catalogue and stays as
    written. Empty stays empty (gettext of "" is the catalogue's header)."""
    return gettext(text) if text else text


# Reference data (seeded by data migrations, editable by coalition administrators)


class ReferenceData(models.Model):
    source = models.CharField(_("source"), max_length=500)
    last_verified = models.DateField(_("last verified"))

    class Meta:
        abstract = True


class QualifyingActivity(ReferenceData):
    """One of the criminal activities named in INA § 101(a)(15)(U)(iii) and 8 C.F.R. § 214.14(a)(9)."""

    code = models.SlugField(unique=True)
    label_en = models.CharField(_("label"), max_length=200)
    label_es = models.CharField(_("label in Spanish"), max_length=200)
    statutory_order = models.PositiveSmallIntegerField(_("position in the statute's list"))
    added_by = models.CharField(_("added by"), max_length=200, blank=True)

    class Meta:
        ordering = ["label_en"]
        verbose_name = _("qualifying criminal activity")
        verbose_name_plural = _("qualifying criminal activities")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.label_es if _spanish() else self.label_en


class ActivityModifier(ReferenceData):
    """What also qualifies besides the listed activities: attempt, conspiracy or solicitation to commit
    one, and any similar activity."""

    code = models.SlugField(unique=True)
    label_en = models.CharField(_("label"), max_length=200)
    label_es = models.CharField(_("label in Spanish"), max_length=200)
    definition = models.TextField(_("definition"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("qualifying activity modifier")
        verbose_name_plural = _("qualifying activity modifiers")

    def __str__(self):
        return self.label_es if _spanish() else self.label_en


class AgencyLevel(models.TextChoices):
    FEDERAL = "federal", _("Federal")
    STATE = "state", pgettext_lazy("agency level", "State")
    LOCAL = "local", _("Local")
    TRIBAL = "tribal", _("Tribal")
    TERRITORIAL = "territorial", _("Territorial")


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    COURT = "court", _("Court")
    FEDERAL_LABOR = "federal_labor", _("Federal labor agency")
    STATE_LABOR = "state_labor", _("State labor agency")
    STATE_CIVIL_RIGHTS = "state_civil_rights", _("State civil-rights agency")
    CHILD_PROTECTIVE = "child_protective", _("Child protective services")
    OTHER = "other", _("Other")


class CertifyingAgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def suggested_for(self, activities, state="", minor=None):
        """Agencies that may certify any of `activities` (QualifyingActivity rows): those whose own list
        names one of them first, then those that consider any qualifying activity tied to their case.
        A state agency is suggested only for its own state (`state`, two letters; none if not known).
        Child protective services only when the victim was a minor (`minor` True) or nothing says either
        way (None): an adult's case (False) does not go to them."""
        ids = [activity.pk for activity in activities]
        if not ids:
            return []
        found = self.active().filter(Q(any_activity=True) | Q(activities__in=ids)).distinct()
        found = found.filter(Q(state="") | Q(state=state.upper()) if state else Q(state=""))
        if minor is False:
            found = found.exclude(kind=AgencyKind.CHILD_PROTECTIVE)
        return sorted(found, key=lambda agency: (agency.any_activity, agency.sort_order, agency.name))


class CertifyingAgency(ReferenceData):
    """Who may sign a certification (Form I-918 Supplement B), and for which activities."""

    Level = AgencyLevel
    Kind = AgencyKind

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=2, blank=True, help_text=_("Two letters, for a state agency; else empty.")
    )
    any_activity = models.BooleanField(_("considers any qualifying activity tied to its case"), default=False)
    activities = models.ManyToManyField(
        QualifyingActivity,
        blank=True,
        related_name="agencies",
        verbose_name=_("qualifying activities it certifies"),
    )
    other_activities = models.CharField(
        _("other activities it certifies"),
        max_length=300,
        blank=True,
        help_text=_("Activities outside the statute's list that it treats as similar activity."),
    )
    conditions = models.TextField(_("conditions"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("accepting requests"), default=True)

    objects = CertifyingAgencyQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("certifying agency")
        verbose_name_plural = _("certifying agencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=AgencyLevel.values), name="certifyingagency_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AgencyKind.values), name="certifyingagency_kind_valid"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The name in the reader's language: a generic name the app ships (Local police department) is
        translated; an agency's proper name, and any name an administrator wrote, is shown as stored.
        `name` itself stays the stored English, for the English packet and the CSV export."""
        return _shipped(self.name)

    @property
    def description(self):
        """The conditions in the reader's language, on the same terms as `label`."""
        return _shipped(self.conditions)


# Access: legal-only, narrowed by assignment


class CaseScopedQuerySet(LegalOnlyQuerySet):
    """Legal staff and administrators of the owning organization; where the case is assigned to particular
    legal staff, only those staff (and the organization's administrators). `case_path` leads from the
    record to its ClientCase ("" for the case itself)."""

    case_path = ""

    def _case_ref(self):
        return f"{self.case_path}__pk" if self.case_path else "pk"

    def visible_to(self, user):
        from power_campaign.accounts.models import Organization

        # The cases assigned to other staff and not to `user`, as one set: PostgreSQL looks each record's
        # case up in it, where "no assignment, or one to the user" was two subqueries run for every record.
        theirs = CaseAssignment.objects.values("case").exclude(
            case__in=CaseAssignment.objects.filter(user=user).values("case")
        )
        administered = Organization.objects.for_user(user, roles=[Role.ADMIN])
        return self.filter(
            ~Q(**{f"{self._case_ref()}__in": theirs}) | Q(**{f"{self.organization_field}__in": administered})
        )

    def member_organizations(self, user, roles=()):
        """The organizations where `user` is a member with one of the allowed roles. A coalition-wide role
        is not membership: coalition staff see U-visa cases only as the anonymized eligibility report."""
        if not user.is_authenticated or not user.is_active:
            return []
        return user.organization_ids(self.effective_roles(roles))

    def for_user(self, user, roles=()):
        organizations = self.member_organizations(user, roles)
        records = self.filter(**{f"{self.organization_field}__in": organizations})
        if organizations and set(organizations) <= set(user.organization_ids([Role.ADMIN])):
            return records  # an administrator of each of them sees every case: no assignment to check
        return records.visible_to(user)

    def get_for_user(self, user, roles=(), **lookup):
        """Another organization's record: 404; a role that may not see it (coalition staff included):
        403; a case assigned to other staff: 404 (it does not exist for them)."""
        try:
            obj = self.in_organizations_of(user).get(**lookup)
        except (self.model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None
        if obj.organization.pk not in self.member_organizations(user, roles):
            raise PermissionDenied
        if not self.assignment_allows(user, obj):
            raise Http404
        return obj

    def user_may_see(self, user, obj, roles=()):
        return obj.organization.pk in self.member_organizations(user, roles) and self.assignment_allows(
            user, obj
        )

    def assignment_allows(self, user, obj):
        case = obj
        for name in filter(None, self.case_path.split("__")):
            case = getattr(case, name)
        return case.assignment_allows(user)


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    SCREENING = "screening", _("Screening")
    CERTIFICATION = "certification", _("Certification")
    CLOSED = "closed", _("Closed")


class PreferredLanguage(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class HarmType(models.TextChoices):
    PHYSICAL_INJURY = "physical_injury", _("Physical injury")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
    THREATS = "threats", _("Threats of violence or of immigration consequences")
    CONFINEMENT = "confinement", _("Confinement or restraint")
    MENTAL_HARM = "mental_harm", _("Fear, anxiety, depression or other mental harm")
    MEDICAL_CARE = "medical_care", _("Needed medical or psychological care")
    LOST_WORK = "lost_work", _("Lost work or income because of the harm")
    ONGOING = "ongoing", _("Harm still going on")


class ClientCase(ChoiceLabels, models.Model):
    """A worker's U-visa matter, from intake to certification requests."""

    Status = CaseStatus
    Language = PreferredLanguage
    INTAKE_STEPS = ("client", "harm", "helpfulness", "family", "trafficking")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="+")
    referral = models.OneToOneField(
        "cases.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="uvisa_case"
    )
    worksite = models.ForeignKey(
        "cases.Worksite",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worksite"),
    )
    incidents = models.ManyToManyField("cases.Incident", blank=True, related_name="+")
    evidence = models.ManyToManyField("cases.Evidence", blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTAKE)
    intake_saved = models.JSONField(_("intake steps saved"), default=list)

    # Client (identity fields encrypted at rest)
    client_name = EncryptedCharField(_("full legal name"), max_length=200, blank=True)
    other_names = EncryptedTextField(_("other names used"), blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    a_number = EncryptedCharField(_("A-number"), max_length=20, blank=True, validators=[validate_a_number])
    gender = EncryptedCharField(_("gender"), max_length=100, blank=True)
    part1_answers = models.JSONField(
        _("explicit answers on the victim information sheet"),
        default=dict,
        blank=True,
        help_text=_('Per field left blank: "N/A", "None" or "Unknown".'),
    )
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    safe_contact = EncryptedTextField(
        _("safe-contact instructions"),
        blank=True,
        help_text=_("When and how it is safe to reach the client, and what not to do."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=Language.choices, default=Language.SPANISH
    )
    other_language = models.CharField(_("other language"), max_length=100, blank=True)
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    facts = EncryptedTextField(
        _("facts of the incident"),
        blank=True,
        help_text=_("Where the incident is not recorded in the worksite records."),
    )

    # Harm, information and helpfulness
    harm_types = models.JSONField(_("harm suffered"), default=list, blank=True)
    harm_narrative = EncryptedTextField(_("what happened to the client"), blank=True)
    information = EncryptedTextField(_("information the client has about the crime"), blank=True)
    agencies_contacted = EncryptedTextField(_("agencies contacted"), blank=True)
    interviews = EncryptedTextField(_("interviews given"), blank=True)
    refused_requests = models.BooleanField(
        _("refused a request for help from the authorities"), null=True, blank=True
    )
    refusal_reason = EncryptedTextField(_("why the request was refused"), blank=True)
    crime_city = models.CharField(_("city where the crime happened"), max_length=100, blank=True)
    crime_state = models.CharField(_("state or territory"), max_length=50, blank=True)
    crime_in_us = models.BooleanField(
        _("happened in the United States or violated US law"), null=True, blank=True
    )

    # T-visa indicators (triage)
    trafficking_indicated = models.BooleanField(
        _("recruited, moved, harbored or held for work through force, fraud or coercion"),
        null=True,
        blank=True,
    )
    present_on_account_of_trafficking = models.BooleanField(
        _("in the United States on account of the trafficking"), null=True, blank=True
    )
    trafficking_notes = EncryptedTextField(_("notes on trafficking"), blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Retention: a closed case is purged after some years (manage.py purge_closed_uvisa), unless on hold
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    legal_hold = models.BooleanField(_("under legal hold"), default=False)
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=300, blank=True)
    legal_hold_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    legal_hold_set_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(_("purged"), null=True, blank=True)
    purge_counts = models.JSONField(_("what the purge removed"), default=dict, blank=True)

    objects = CaseScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("U-visa case")
        verbose_name_plural = _("U-visa cases")
        indexes = [
            # Counts over an organization's cases (the dashboards) read this index, not the wide rows.
            models.Index(fields=["organization", "id"], name="uvisa_case_org_idx"),
            # The case list, newest first: read in index order and stopped after a page.
            models.Index(fields=["-created_at", "-id"], name="uvisa_case_created_idx"),
        ]
        constraints = [
            status_constraint(CaseStatus, name="uvisa_clientcase_status_valid"),
            models.CheckConstraint(
                condition=Q(legal_hold=False) | ~Q(legal_hold_reason=""),
                name="uvisa_clientcase_legal_hold_has_reason",
            ),
            # The retention period runs from this date: a closed case without it would never be purged.
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | Q(closed_at__isnull=False),
                name="uvisa_clientcase_closed_has_date",
            ),
        ]

    def __str__(self):
        return _("U-visa case %(code)s") % {"code": self.code}

    def get_absolute_url(self):
        return record_url("uvisa:case", self.uuid)

    @property
    def audit_name(self):
        """Its name in the audit history, after its kind ("U-visa case"): the code alone."""
        return self.code

    @property
    def code(self):
        """A short reference that names nobody (the client's name is never in a title or a log)."""
        return str(self.uuid)[:8].upper()

    def assignment_allows(self, user):
        """Unassigned: every legal staff member of the organization; assigned: those staff only, and the
        organization's administrators."""
        assigned = [a.user_id for a in self.assignments.all()]
        return not assigned or user.pk in assigned or user.role_in(self.organization) == Role.ADMIN

    def age_on(self, day):
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def minor_at_crime(self, today):
        """Whether the client was under 18 when the crime happened: the age on the day of the earliest
        incident linked to the case, or, with none linked, the age `today` (a client under 18 today was
        under 18 then). None when the date of birth is not recorded: nothing says either way."""
        if self.date_of_birth is None:
            return None
        first = self.incidents.select_related("worksite").order_by("occurred_at", "pk").first()
        age = self.age_on(first.local_date if first else today)  # its day at its worksite
        return age < ADULT_AGE

    def part1_missing(self):
        """The victim information sheet's (Form I-918 Supplement B Part 1) fields that are blank and have
        no explicit "N/A", "None" or "Unknown": [(field name, label)], in the form's order."""
        return [
            (name, self._meta.get_field(name).verbose_name)
            for name in PART1_FIELDS
            if getattr(self, name) in (None, "") and self.part1_answers.get(name) not in EXPLICIT_ANSWERS
        ]

    def part1_value(self, name):
        """What the sheet prints for a field: its value, or its explicit answer."""
        value = getattr(self, name)
        return value if value not in (None, "") else self.part1_answers.get(name, "")

    @property
    def t_visa_flag(self):
        """Both T-visa indicators answered yes: triage towards a T-visa screening."""
        return bool(self.trafficking_indicated and self.present_on_account_of_trafficking)


class CaseAssignment(models.Model):
    case = models.ForeignKey(ClientCase, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="uvisa_assignment_unique")]

    def __str__(self):
        return self.user.display_name


class CaseChildQuerySet(CaseScopedQuerySet):
    organization_field = "case__organization"
    case_path = "case"


class Relationship(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")


class FamilyMember(OrganizationFromField, models.Model):
    """A relative who may be a derivative (Form I-918 Supplement A)."""

    Relationship = Relationship

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(ClientCase, on_delete=models.CASCADE, related_name="family")
    name = EncryptedCharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    married = models.BooleanField(_("married"), default=False)
    in_us = models.BooleanField(_("lives in the United States"), null=True, blank=True)
    implicated = models.BooleanField(_("took part in the crime"), default=False)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        constraints = [
            models.CheckConstraint(
                condition=Q(relationship__in=Relationship.values),
                name="uvisa_familymember_relationship_valid",
            )
        ]

    def __str__(self):
        return self.get_relationship_display()

    def age_on(self, day):
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def may_be_derivative(self, on):
        """Whether the relative may be a qualifying family member on `on`, or None when it depends on a date
        of birth not recorded. Principal 21 or older: spouse and children. Principal under 21: also parents
        and unmarried siblings under 18. A relative who took part in the crime never is."""
        if self.implicated:
            return False
        if self.relationship in (Relationship.SPOUSE, Relationship.CHILD):
            return True
        principal_age = self.case.age_on(on)
        if principal_age is None:
            return None
        if principal_age >= 21:
            return False
        if self.relationship == Relationship.PARENT:
            return True
        if self.married:
            return False
        age = self.age_on(on)
        return None if age is None else age < 18


# Screening


class Finding(models.TextChoices):
    MET = "met", _("Met")
    UNCLEAR = "unclear", _("Unclear")
    NOT_MET = "not_met", _("Not met")


REQUIREMENTS = ("harm", "information", "helpfulness", "jurisdiction")


class Screening(OrganizationFromField, models.Model):
    """The four statutory requirements (INA § 101(a)(15)(U)(i)(I)-(IV); 8 C.F.R. § 214.14(b)), each met,
    unclear or not met, with the reason."""

    Finding = Finding

    case = models.OneToOneField(ClientCase, on_delete=models.CASCADE, related_name="screening")
    harm = models.CharField(
        _("substantial physical or mental abuse"),
        max_length=10,
        choices=Finding.choices,
        default=Finding.UNCLEAR,
    )
    harm_reason = EncryptedTextField(_("why"), blank=True)
    information = models.CharField(
        _("possesses information about the crime"),
        max_length=10,
        choices=Finding.choices,
        default=Finding.UNCLEAR,
    )
    information_reason = EncryptedTextField(_("why"), blank=True)
    helpfulness = models.CharField(
        _("has been, is or is likely to be helpful"),
        max_length=10,
        choices=Finding.choices,
        default=Finding.UNCLEAR,
    )
    helpfulness_reason = EncryptedTextField(_("why"), blank=True)
    jurisdiction = models.CharField(
        _("occurred in the United States or violated US law"),
        max_length=10,
        choices=Finding.choices,
        default=Finding.UNCLEAR,
    )
    jurisdiction_reason = EncryptedTextField(_("why"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__in": Finding.values}), name=f"uvisa_screening_{name}_valid"
            )
            for name in REQUIREMENTS
        ]

    def __str__(self):
        return str(_("Screening"))

    def requirements(self):
        """[(label, finding, finding label, reason)] in the statute's order."""
        return [
            (
                self._meta.get_field(name).verbose_name,
                getattr(self, name),
                getattr(self, f"get_{name}_display")(),
                getattr(self, f"{name}_reason"),
            )
            for name in REQUIREMENTS
        ]


class ScreenedActivity(OrganizationFromField, models.Model):
    """A qualifying activity the facts may support, with its modifiers; or a similar activity (a charged
    offense whose elements are substantially similar to a listed one)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(ClientCase, on_delete=models.CASCADE, related_name="activities")
    activity = models.ForeignKey(
        QualifyingActivity,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("qualifying activity"),
        help_text=_("For a similar activity: the listed activity it is similar to."),
    )
    attempt = models.BooleanField(_("attempt"), default=False)
    conspiracy = models.BooleanField(_("conspiracy"), default=False)
    solicitation = models.BooleanField(_("solicitation"), default=False)
    similar_activity = models.BooleanField(_("similar activity"), default=False)
    charged_offense = models.CharField(_("offense under state or local law"), max_length=300, blank=True)
    statute_citation = models.CharField(_("statute citation"), max_length=200, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("screened activity")
        verbose_name_plural = _("screened activities")
        constraints = [
            models.UniqueConstraint(fields=["case", "activity"], name="uvisa_screened_activity_unique"),
        ]

    def __str__(self):
        return str(self.activity)

    @property
    def modifiers(self):
        names = [
            ("attempt", _("attempt")),
            ("conspiracy", _("conspiracy")),
            ("solicitation", _("solicitation")),
        ]
        found = [label for name, label in names if getattr(self, name)]
        if self.similar_activity:
            found.append(_("similar activity"))
        return found


# Certification requests


class RequestStatus(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent")
    SIGNED = "signed", _("Signed")
    DECLINED = "declined", _("Declined")


class SendMethod(models.TextChoices):
    EMAIL = "email", _("Email")
    MAIL = "mail", _("Mail")
    HAND = "hand", _("By hand")
    PORTAL = "portal", _("Agency portal")
    FAX = "fax", _("Fax")


class CertificationRequest(ChoiceLabels, OrganizationFromField, Transitions, models.Model):
    """A request to one agency to sign Form I-918 Supplement B for the case."""

    Status = RequestStatus
    Method = SendMethod
    transitions = {
        Status.DRAFTED: [Status.SENT],
        Status.SENT: [Status.SIGNED, Status.DECLINED],
    }
    status_changed_field = "status_changed_at"
    # Not answered yet: a case has at most one such request to each agency (services.create_request).
    OPEN_STATUSES = [Status.DRAFTED, Status.SENT]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(ClientCase, on_delete=models.PROTECT, related_name="requests")
    agency = models.ForeignKey(
        CertifyingAgency, on_delete=models.PROTECT, related_name="requests", verbose_name=_("agency")
    )
    activities = models.ManyToManyField(
        QualifyingActivity, blank=True, related_name="+", verbose_name=_("qualifying activities")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFTED)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    method = models.CharField(_("sent by"), max_length=10, choices=Method.choices, blank=True)
    agency_case_number = models.CharField(_("agency case number"), max_length=100, blank=True)
    contact_name = models.CharField(_("contact at the agency"), max_length=200, blank=True)
    contact_details = models.CharField(_("contact's email, phone or address"), max_length=300, blank=True)
    decided_on = models.DateField(_("answered on"), null=True, blank=True)
    decline_reason = models.TextField(_("reason given for declining"), blank=True)
    signed_on = models.DateField(_("date the certifying official signed"), null=True, blank=True)
    form_edition = models.CharField(
        _("form edition"),
        max_length=20,
        blank=True,
        help_text=_("The edition date printed on the form, e.g. 04/01/24."),
    )
    original_in_hand = models.BooleanField(_("original in hand"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("certification request")
        verbose_name_plural = _("certification requests")
        indexes = [
            # The dashboard's soonest expiries: signed certifications in signature order.
            models.Index(
                fields=["signed_on", "id"], condition=Q(status="signed"), name="uvisa_request_signed_idx"
            ),
        ]
        constraints = [
            status_constraint(RequestStatus, name="uvisa_certificationrequest_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_on__isnull=False),
                name="uvisa_certificationrequest_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="uvisa_certificationrequest_declined_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.agency} · {self.case.code}"

    def get_absolute_url(self):
        return record_url("uvisa:request", self.uuid)

    @property
    def expires_on(self):
        """The certification is good for six months from its signature date (month ends and leap years as
        `add_months` says)."""
        return add_months(self.signed_on, CERTIFICATION_MONTHS) if self.signed_on else None

    def days_left(self, today):
        return (self.expires_on - today).days if self.expires_on else None

    def refusal(self, step):
        """Why `step` ("send" or "answer") cannot be recorded for the request in its status, in the
        reader's language; None when it can."""
        if step == "send" and self.status != RequestStatus.DRAFTED:
            return gettext("This request is already recorded as sent.")
        if step == "answer" and self.status == RequestStatus.DRAFTED:
            return gettext(
                "Record the sending first: only a request that was sent can have the agency's answer."
            )
        if step == "answer" and self.status != RequestStatus.SENT:
            return gettext("The agency's answer is already recorded.")
        return None

    def warning_level(self, today):
        """60, 30 or 7: the tightest warning threshold the expiry is within; 0 once expired; None beyond."""
        days = self.days_left(today)
        if days is None:
            return None
        if days < 0:
            return 0
        for threshold in (7, 30, 60):
            if days <= threshold:
                return threshold
        return None


class FollowUpQuerySet(CaseScopedQuerySet):
    organization_field = "request__case__organization"
    case_path = "request__case"


class FollowUp(OrganizationFromField, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(CertificationRequest, on_delete=models.CASCADE, related_name="followups")
    due_on = models.DateField(_("follow up by"))
    note = models.CharField(_("what to do"), max_length=300, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            # The dashboard's soonest follow-ups: those not yet done, by due date.
            models.Index(
                fields=["due_on", "id"], condition=Q(done_on__isnull=True), name="uvisa_followup_open_idx"
            ),
        ]

    def __str__(self):
        return str(_("Follow-up by %(date)s") % {"date": self.due_on.isoformat()})


class Declaration(OrganizationFromField, models.Model):
    """The client's declaration (personal statement), in the client's language, with its English
    translation and the translator's certificate of competence and accuracy."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(ClientCase, on_delete=models.CASCADE, related_name="declaration")
    language = models.CharField(
        _("language of the declaration"), max_length=100, help_text=_("For example Spanish.")
    )
    text = EncryptedTextField(_("declaration in the client's words"))
    signed_on = models.DateField(_("signed by the client on"), null=True, blank=True)
    translation = EncryptedTextField(_("English translation"), blank=True)
    translator_name = models.CharField(_("translator's name"), max_length=200, blank=True)
    translator_languages = models.CharField(
        _("translated from and into"),
        max_length=200,
        blank=True,
        help_text=_("For example Spanish to English."),
    )
    competence = models.TextField(
        _("statement of competence"),
        blank=True,
        help_text=_(
            "The translator certifies being competent in both languages and the translation accurate."
        ),
    )
    translated_on = models.DateField(_("date of the translation"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def __str__(self):
        return str(_("Declaration"))

    @property
    def is_english(self):
        return self.language.strip().lower() in ("english", "inglés", "ingles", "en")

    def missing(self):
        """What the declaration still lacks before it can go to an agency: [label]."""
        found = []
        if not self.text.strip():
            found.append(self._meta.get_field("text").verbose_name)
        if not self.is_english:
            for name in (
                "translation",
                "translator_name",
                "translator_languages",
                "competence",
                "translated_on",
            ):
                if getattr(self, name) in (None, ""):
                    found.append(self._meta.get_field(name).verbose_name)
        return found


# Petitions (Form I-918, and I-918 Supplement A for each derivative)


class PetitionKind(models.TextChoices):
    PRINCIPAL = "principal", _("Principal (Form I-918)")
    DERIVATIVE = "derivative", _("Derivative (Form I-918 Supplement A)")


class PetitionStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    FILED = "filed", _("Filed")
    BONA_FIDE = "bona_fide", _("Bona fide determination")
    WAITING_LIST = "waiting_list", _("On the waiting list")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Petition(OrganizationFromField, Transitions, models.Model):
    """A U-visa petition to USCIS: the principal's I-918, or a Supplement A for a family member."""

    Kind = PetitionKind
    Status = PetitionStatus
    transitions = {
        Status.PREPARING: [Status.FILED, Status.WITHDRAWN],
        Status.FILED: [
            Status.BONA_FIDE,
            Status.WAITING_LIST,
            Status.APPROVED,
            Status.DENIED,
            Status.WITHDRAWN,
        ],
        Status.BONA_FIDE: [Status.WAITING_LIST, Status.APPROVED, Status.DENIED, Status.WITHDRAWN],
        Status.WAITING_LIST: [Status.APPROVED, Status.DENIED, Status.WITHDRAWN],
    }
    status_changed_field = "status_changed_at"
    FILED_STATUSES = [Status.FILED, Status.BONA_FIDE, Status.WAITING_LIST, Status.APPROVED, Status.DENIED]
    # Not decided or withdrawn: a person has at most one such petition (services.create_petition).
    OPEN_STATUSES = [Status.PREPARING, Status.FILED, Status.BONA_FIDE, Status.WAITING_LIST]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(ClientCase, on_delete=models.PROTECT, related_name="petitions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    family_member = models.ForeignKey(
        FamilyMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("family member"),
    )
    certification = models.ForeignKey(
        CertificationRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("signed certification filed with it"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREPARING)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=20, blank=True)
    bona_fide_on = models.DateField(_("bona fide determination notice"), null=True, blank=True)
    waiting_list_on = models.DateField(_("waiting list notice"), null=True, blank=True)
    work_permit_category = models.CharField(
        _("work permit category"), max_length=20, blank=True, help_text=_("For example (c)(14).")
    )
    work_permit_until = models.DateField(_("work permit valid until"), null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        constraints = [
            status_constraint(PetitionStatus, name="uvisa_petition_status_valid"),
            models.CheckConstraint(
                condition=(Q(kind="principal") & Q(family_member__isnull=True))
                | (Q(kind="derivative") & Q(family_member__isnull=False)),
                name="uvisa_petition_derivative_names_family_member",
            ),
            models.CheckConstraint(
                condition=Q(status="preparing") | Q(status="withdrawn") | Q(filed_on__isnull=False),
                name="uvisa_petition_filed_has_date",
            ),
        ]

    def __str__(self):
        if self.kind == PetitionKind.DERIVATIVE and self.family_member_id:
            return f"{self.get_kind_display()} · {self.family_member.get_relationship_display()}"
        return str(self.get_kind_display())

    def get_absolute_url(self):
        return record_url("uvisa:petition", self.uuid)


def client_identity_fields(prefix=""):
    """The names of a case's encrypted fields (with `prefix`, e.g. "case__"): to defer on lists that show
    only a case's code, so that no client's data is read or decrypted for them."""
    return [
        f"{prefix}{field.name}"
        for field in ClientCase._meta.concrete_fields
        if isinstance(field, EncryptedCharField | EncryptedDateField | EncryptedTextField)
    ]
