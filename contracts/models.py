"""Model contract language: the clause library (topics, clauses and their immutable versions), proposals
composed from it for a worksite's bargaining unit, each clause's bargaining status and history, and the
clauses adopted when a contract is ratified."""

import uuid
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from power_campaign.accounts.access import OrganizationFromField, OrganizationScopedQuerySet
from power_campaign.immutable import Immutable
from power_campaign.labels import ChoiceLabels
from power_campaign.links import record_url
from power_campaign.search import Searchable, SearchableQuerySet
from power_campaign.transitions import Transitions, status_constraint


def spanish():
    return (get_language() or "").startswith("es")


def reader_language():
    return "es" if spanish() else "en"


OTHER_LANGUAGE = {"en": "es", "es": "en"}


class Shown(NamedTuple):
    """A text as a page shows it: in `language`, which is not the reader's when `fallback`."""

    text: str
    language: str
    fallback: bool


class Bilingual:
    """`title`/`heading`/`label`/`body` in the active language from the `_en`/`_es` fields.

    Those are required in both languages. A text that may be empty in one of them (a version's
    commentary) is read with `shown(name)`: the reader's language, else the other one, marked as a
    fallback so that the page says so. A name in `unsuffixed_english` has its English in the field of
    that bare name (`commentary`, with `commentary_es` beside it)."""

    unsuffixed_english = ()

    def in_language(self, name, language=None):
        language = language or reader_language()
        if language == "en" and name in self.unsuffixed_english:
            return getattr(self, name)
        return getattr(self, f"{name}_{language}")

    def shown(self, name):
        """`name` in the reader's language, or in the other one when the reader's is empty."""
        language = reader_language()
        text = self.in_language(name, language)
        if not text and (other := self.in_language(name, OTHER_LANGUAGE[language])):
            return Shown(other, OTHER_LANGUAGE[language], True)
        return Shown(text, language, False)


class ClauseTopic(Bilingual, models.Model):
    """A subject the library covers (reference data: editable, sourced, verified)."""

    code = models.SlugField(unique=True)
    order = models.PositiveIntegerField(_("order"))
    label_en = models.CharField(_("label"), max_length=200)
    label_es = models.CharField(_("label in Spanish"), max_length=200)
    gist_en = models.TextField(_("gist"), blank=True)
    gist_es = models.TextField(_("gist in Spanish"), blank=True)
    source = models.CharField(_("source"), max_length=300)
    last_verified = models.DateField(_("last verified"))

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("clause topic")
        verbose_name_plural = _("clause topics")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.in_language("label")

    @property
    def gist(self):
        return self.in_language("gist")


class Strength(models.TextChoices):
    MODEL = "model", _("Model")
    FALLBACK = "fallback", _("Fallback")
    MINIMUM = "minimum", _("Minimum")


class Clause(models.Model):
    """A clause of the library. Its text lives in its versions; the latest is the current one."""

    Strength = Strength

    code = models.SlugField(_("code"), unique=True, max_length=80)
    topic = models.ForeignKey(
        ClauseTopic, on_delete=models.PROTECT, related_name="clauses", verbose_name=_("topic")
    )
    strength = models.CharField(
        _("strength"), max_length=20, choices=Strength.choices, default=Strength.MODEL
    )
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Separated by commas."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic__order", "code"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [status_constraint(Strength, name="contracts_clause_strength_valid", field="strength")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("contracts:clause", kwargs={"code": self.code})

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    def current_version(self):
        return self.versions.order_by("-number").first()


class ClauseVersionQuerySet(SearchableQuerySet):
    search_fields = ("title_en", "title_es", "body_en", "body_es", "commentary", "commentary_es")

    def current(self):
        """Each clause's latest version only."""
        latest = ClauseVersion.objects.filter(clause=OuterRef("clause")).order_by("-number").values("number")
        return self.filter(number=Subquery(latest[:1]))


class ClauseVersion(Bilingual, Immutable, Searchable):
    """The text of a clause at one edit. Written once: editing a clause adds a version, and proposals keep
    the text they copied (and the version they copied it from)."""

    immutable_hint = "add a new version of the clause"
    unsuffixed_english = ("commentary",)  # the English commentary kept its name when the Spanish came

    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title_en = models.CharField(_("title"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200)
    body_en = models.TextField(_("text"))
    body_es = models.TextField(_("text in Spanish"))
    commentary = models.TextField(_("negotiator's commentary"), blank=True)
    commentary_es = models.TextField(_("negotiator's commentary in Spanish"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClauseVersionQuerySet.as_manager()

    class Meta:
        ordering = ["clause", "-number"]
        verbose_name = _("clause version")
        verbose_name_plural = _("clause versions")
        constraints = [
            models.UniqueConstraint(fields=["clause", "number"], name="contracts_clause_version_unique")
        ]

    def __str__(self):
        return f"{self.clause.code} v{self.number}"

    @property
    def title(self):
        return self.in_language("title")

    @property
    def body(self):
        return self.in_language("body")

    @property
    def commentary_shown(self):
        """The commentary in the reader's language, or in the other one (a `Shown`) when that is empty."""
        return self.shown("commentary")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    BARGAINING = "bargaining", _("At the table")
    RATIFIED = "ratified", _("Ratified")
    CLOSED = "closed", _("Closed without agreement")


class ProposalQuerySet(OrganizationScopedQuerySet):
    organization_field = "worksite__organization"


class Proposal(ChoiceLabels, OrganizationFromField, Transitions, models.Model):
    """The union's contract proposal for a worksite's bargaining unit: clauses from the library, filled in
    and ordered into articles. Ratified, its clauses are recorded as adopted at the worksite."""

    Status = ProposalStatus
    transitions = {
        Status.DRAFT: [Status.BARGAINING, Status.CLOSED],
        Status.BARGAINING: [Status.RATIFIED, Status.CLOSED],
    }
    status_changed_field = "status_changed_at"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    worksite = models.ForeignKey(
        "cases.Worksite",
        on_delete=models.PROTECT,
        related_name="contract_proposals",
        verbose_name=_("worksite"),
    )
    title = models.CharField(_("title"), max_length=200)
    bargaining_unit = models.CharField(
        _("bargaining unit"),
        max_length=300,
        blank=True,
        help_text=_("For example: all production and maintenance workers at the Cicero plant"),
    )
    values = models.JSONField(_("placeholder values"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    ratified_on = models.DateField(_("ratified on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("contract proposal")
        verbose_name_plural = _("contract proposals")
        constraints = [status_constraint(ProposalStatus, name="contracts_proposal_status_valid")]
        indexes = [
            # The proposal list, latest change first: read in index order and stopped after a page.
            models.Index(fields=["-updated_at", "-id"], name="proposal_changed_idx"),
        ]

    def __str__(self):
        return f"{self.worksite.employer_name} · {self.title}"

    def get_absolute_url(self):
        return record_url("contracts:proposal", self.uuid)

    @property
    def is_editable(self):
        return self.status in (ProposalStatus.DRAFT, ProposalStatus.BARGAINING)


class ArticleQuerySet(OrganizationScopedQuerySet):
    organization_field = "proposal__worksite__organization"


class Article(OrganizationFromField, Bilingual, models.Model):
    """A numbered article of a proposal: its clauses are numbered within it when printed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="articles")
    order = models.PositiveIntegerField(_("order"))
    heading_en = models.CharField(_("heading"), max_length=200)
    heading_es = models.CharField(_("heading in Spanish"), max_length=200)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["proposal", "order", "pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.heading_en

    @property
    def heading(self):
        return self.in_language("heading")


class ClauseStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    COUNTERED = "countered", _("Employer counter")
    TENTATIVE = "tentative", _("Tentatively agreed")
    RATIFIED = "ratified", _("Ratified")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Language(models.TextChoices):
    EN = "en", _("English")
    ES = "es", _("Spanish")


class AgreedText(models.TextChoices):
    """Which text a tentative agreement was reached on."""

    OURS = "ours", _("Our proposal")
    COUNTER = "counter", _("The employer's counter")
    OTHER = "other", _("Another text, worked out at the table")


def agreed_constraints(prefix, *, agreed_statuses):
    """Named checks on `agreed`/`agreed_text`/`agreed_language`: `agreed` is empty or one of AgreedText,
    and set only in `agreed_statuses`; the counter or another text is stored with its language, our
    proposal (and no agreement) with neither, its text being our wording of the clause."""
    with_text = [AgreedText.COUNTER, AgreedText.OTHER]
    return [
        models.CheckConstraint(
            condition=models.Q(agreed__in=["", *AgreedText.values]), name=f"{prefix}_agreed_valid"
        ),
        models.CheckConstraint(
            condition=(
                models.Q(agreed__in=with_text, agreed_language__in=Language.values)
                & ~models.Q(agreed_text="")
            )
            | models.Q(agreed__in=["", AgreedText.OURS], agreed_text="", agreed_language=""),
            name=f"{prefix}_agreed_text",
        ),
        models.CheckConstraint(
            condition=models.Q(agreed="") | models.Q(status__in=agreed_statuses),
            name=f"{prefix}_agreed_status",
        ),
    ]


class ProposalClauseQuerySet(OrganizationScopedQuerySet):
    organization_field = "proposal__worksite__organization"


class ProposalClause(OrganizationFromField, Bilingual, Transitions, models.Model):
    """A clause of a proposal: our wording (copied from a library version, then edited), its place in an
    article, and where it stands at the table: the employer's latest counter, and once tentatively agreed,
    which text was agreed (`agreed_body`). Ratified only with the whole contract."""

    Status = ClauseStatus
    transitions = {
        Status.PROPOSED: [Status.COUNTERED, Status.TENTATIVE, Status.WITHDRAWN],
        Status.COUNTERED: [Status.COUNTERED, Status.PROPOSED, Status.TENTATIVE, Status.WITHDRAWN],
        Status.TENTATIVE: [Status.PROPOSED, Status.RATIFIED],
        Status.WITHDRAWN: [Status.PROPOSED],
    }
    status_changed_field = "status_changed_at"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="clauses")
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="clauses", verbose_name=_("article")
    )
    order = models.PositiveIntegerField(_("order"))
    clause = models.ForeignKey(Clause, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(ClauseVersion, on_delete=models.PROTECT, related_name="+")
    title_en = models.CharField(_("title"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200)
    body_en = models.TextField(_("text"), max_length=20000)
    body_es = models.TextField(_("text in Spanish"), max_length=20000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_on = models.DateField(_("date of the status"), null=True, blank=True)
    counter_text = models.TextField(_("employer's counter"), blank=True, max_length=20000)
    counter_language = models.CharField(
        _("language of the counter"), max_length=2, choices=Language.choices, default=Language.EN
    )
    # While tentatively agreed (and once ratified): which text was agreed. The counter or another text is
    # copied here with its language; our proposal is our wording above, which is then kept as it is.
    agreed = models.CharField(_("text agreed"), max_length=10, choices=AgreedText.choices, blank=True)
    agreed_text = models.TextField(_("text agreed at the table"), blank=True, max_length=20000)
    agreed_language = models.CharField(
        _("language of the text agreed"), max_length=2, choices=Language.choices, blank=True
    )
    status_changed_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalClauseQuerySet.as_manager()

    class Meta:
        ordering = ["article__order", "order", "pk"]
        verbose_name = _("proposal clause")
        verbose_name_plural = _("proposal clauses")
        constraints = [
            status_constraint(ClauseStatus, name="contracts_proposal_clause_status_valid"),
            # A library clause is in a proposal once (added twice, it would be numbered twice).
            models.UniqueConstraint(fields=["proposal", "clause"], name="contracts_proposal_clause_once"),
            *agreed_constraints(
                "contracts_proposal_clause", agreed_statuses=[ClauseStatus.TENTATIVE, ClauseStatus.RATIFIED]
            ),
        ]

    def __str__(self):
        return self.title_en

    def get_absolute_url(self):
        return record_url("contracts:proposal_clause", self.uuid)

    @property
    def title(self):
        return self.in_language("title")

    @property
    def body(self):
        return self.in_language("body")

    @property
    def is_agreed(self):
        """Tentatively agreed, or ratified since."""
        return self.status in (ClauseStatus.TENTATIVE, ClauseStatus.RATIFIED)

    def agreed_body(self, language=None):
        """The text agreed, as a `Shown` in `language` (the reader's by default): our wording in that
        language, or the counter or other text in the one language it was agreed in (`fallback` when that
        is not `language`). None when not agreed, or agreed before the app recorded which text was."""
        if not (self.is_agreed and self.agreed):
            return None
        language = language or reader_language()
        if self.agreed == AgreedText.OURS:
            return Shown(self.in_language("body", language), language, False)
        return Shown(self.agreed_text, self.agreed_language, self.agreed_language != language)


class ClauseEventQuerySet(OrganizationScopedQuerySet):
    organization_field = "proposal_clause__proposal__worksite__organization"


class ClauseEvent(OrganizationFromField, Immutable, models.Model):
    """One step of a clause's bargaining history, on the day it happened at the table. Written once."""

    immutable_hint = "record a new status"

    proposal_clause = models.ForeignKey(ProposalClause, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=ClauseStatus.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True, max_length=4000)
    counter_text = models.TextField(_("employer's counter"), blank=True, max_length=20000)
    counter_language = models.CharField(
        _("language of the counter"), max_length=2, choices=Language.choices, blank=True
    )
    agreed = models.CharField(_("text agreed"), max_length=10, choices=AgreedText.choices, blank=True)
    agreed_text = models.TextField(_("text agreed at the table"), blank=True, max_length=20000)
    agreed_language = models.CharField(
        _("language of the text agreed"), max_length=2, choices=Language.choices, blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ClauseEventQuerySet.as_manager()

    class Meta:
        ordering = ["proposal_clause", "date", "recorded_at", "pk"]
        verbose_name = _("clause status change")
        verbose_name_plural = _("clause status changes")
        constraints = [
            status_constraint(ClauseStatus, name="contracts_clause_event_status_valid"),
            *agreed_constraints("contracts_clause_event", agreed_statuses=[ClauseStatus.TENTATIVE]),
        ]

    def __str__(self):
        return f"{self.proposal_clause} · {self.get_status_display()}"


class AdoptedClauseQuerySet(OrganizationScopedQuerySet):
    organization_field = "worksite__organization"


class AdoptedClause(OrganizationFromField, Immutable, models.Model):
    """A clause of a ratified contract, recorded against its worksite (and shown on its timeline)."""

    immutable_hint = "a ratified contract's clauses are a record"

    worksite = models.ForeignKey("cases.Worksite", on_delete=models.PROTECT, related_name="adopted_clauses")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="adopted")
    proposal_clause = models.OneToOneField(ProposalClause, on_delete=models.PROTECT, related_name="adopted")
    topic = models.ForeignKey(ClauseTopic, on_delete=models.PROTECT, related_name="+")
    strength = models.CharField(_("strength"), max_length=20, choices=Strength.choices)
    title = models.CharField(_("title"), max_length=200)
    ratified_on = models.DateField(_("ratified on"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AdoptedClauseQuerySet.as_manager()

    class Meta:
        ordering = ["-ratified_on", "pk"]
        verbose_name = _("adopted clause")
        verbose_name_plural = _("adopted clauses")
        constraints = [status_constraint(Strength, name="contracts_adopted_strength_valid", field="strength")]

    def __str__(self):
        return f"{self.worksite.employer_name} · {self.title}"
