"""Formative records: feedback, requests for it, portfolio entries, releases, notifications.

Formative stays formative: none of these reach an assessor unless the learner releases
them (``Release``); visibility is decided in queries.py and rules.py, not here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel
from begeleid.programmes.enums import AUTONOMY_LEVELS

from .enums import EmailMode, EntryKind, FeedbackKind, NotificationKind, RequestState
from .uploads import random_storage_name


class FeedbackRequest(TenantModel):
    """A learner asks someone for feedback on something specific.

    To a colleague (``recipient``) it is a task on their home page; to someone without an
    account it is a one-time link sent by e-mail, of which only SHA-256 hashes are stored.
    """

    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        on_delete=models.CASCADE,
        related_name="feedback_requests",
        verbose_name=_("leertraject"),
    )
    question = models.TextField(_("waarover wil je feedback?"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_requests_received",
        verbose_name=_("collega"),
    )
    recipient_email = models.EmailField(_("e-mailadres"), blank=True)
    recipient_name = models.CharField(_("naam"), max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # The reminder carries a second link (we cannot resend the first: it is not stored).
    reminder_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(recipient__isnull=False) & Q(token_hash__isnull=True))
                | (
                    Q(recipient__isnull=True) & Q(token_hash__isnull=False) & ~Q(recipient_email="")
                ),
                name="feedback_request_colleague_or_link",
            ),
        ]
        indexes = [
            models.Index(fields=["enrolment", "-created_at"]),
            models.Index(fields=["recipient", "answered_at", "withdrawn_at"]),
            models.Index(fields=["recipient_email"]),
        ]
        verbose_name = _("feedbackverzoek")
        verbose_name_plural = _("feedbackverzoeken")

    def __str__(self):
        return f"{self.recipient_display}: {self.question[:60]}"

    @property
    def is_external(self) -> bool:
        return self.recipient_id is None

    @property
    def recipient_display(self) -> str:
        if self.recipient_id:
            return self.recipient.full_name
        return self.recipient_name or self.recipient_email

    def state(self, now=None) -> str:
        if self.answered_at:
            return RequestState.ANSWERED
        if self.withdrawn_at:
            return RequestState.WITHDRAWN
        if (now or timezone.now()) >= self.expires_at:
            return RequestState.EXPIRED
        return RequestState.OPEN

    def get_state_display(self):
        return RequestState(self.state()).label


class Feedback(TenantModel):
    """A formative entry about a learner: narrative first, structure optional."""

    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("leertraject"),
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=FeedbackKind.choices, default=FeedbackKind.FEEDBACK
    )
    narrative = models.TextField(_("wat zag je?"))
    went_well = models.TextField(_("wat ging goed"), blank=True)
    to_improve = models.TextField(_("wat kan beter"), blank=True)
    next_step = models.TextField(_("volgende stap"), blank=True)
    phase = models.ForeignKey(
        "programmes.Phase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fase"),
    )
    moment = models.ForeignKey(
        "guidance.GuidanceMoment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        verbose_name=_("bij begeleidingsmoment"),
    )
    # Null for someone without an account answering a request: then the external fields.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_given",
        verbose_name=_("door"),
    )
    author_profession = models.ForeignKey(
        "organisations.Profession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("beroep"),
    )
    external_name = models.CharField(_("naam"), max_length=200, blank=True)
    external_profession = models.CharField(_("beroep"), max_length=120, blank=True)
    request = models.OneToOneField(
        FeedbackRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
        verbose_name=_("naar aanleiding van verzoek"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    # Optional: the competences the feedback is about (published frameworks of the
    # learner's organisation; checked by the form, see forms.CompetencesField).
    competences = models.ManyToManyField(
        "frameworks.Competence", blank=True, related_name="feedback", verbose_name=_("bekwaamheden")
    )

    class Meta:
        ordering = ["-recorded_at", "-uuid"]
        indexes = [
            models.Index(fields=["enrolment", "-recorded_at", "-uuid"]),
            models.Index(fields=["author", "-recorded_at"]),
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.author_display}"

    @property
    def author_display(self) -> str:
        if self.author_id:
            return self.author.full_name
        return self.external_name

    @property
    def profession_display(self) -> str:
        if self.author_profession_id:
            return self.author_profession.name
        return self.external_profession


class FeedbackRevision(TenantModel):
    """The text of feedback as it was before an edit (the history of corrections)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(_("soort"), max_length=20, choices=FeedbackKind.choices)
    narrative = models.TextField(_("wat zag je?"))
    went_well = models.TextField(_("wat ging goed"), blank=True)
    to_improve = models.TextField(_("wat kan beter"), blank=True)
    next_step = models.TextField(_("volgende stap"), blank=True)
    competences = models.ManyToManyField(
        "frameworks.Competence", blank=True, related_name="+", verbose_name=_("bekwaamheden")
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("eerdere versie van feedback")
        verbose_name_plural = _("eerdere versies van feedback")


class FeedbackReaction(TenantModel):
    """One message in the reaction thread under a piece of feedback."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="reactions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    text = models.TextField(_("reactie"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")


class PortfolioEntry(TenantModel):
    """Written by the learner: a reflection, self-assessment, evidence or certificate."""

    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        on_delete=models.CASCADE,
        related_name="portfolio_entries",
        verbose_name=_("leertraject"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=EntryKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    prompt = models.CharField(_("vraag waarop je antwoordt"), max_length=300, blank=True)
    # Self-assessment on the entrustment scale the phases use (1 observes … 5 guides others).
    self_rating = models.PositiveSmallIntegerField(_("eigen inschatting"), null=True, blank=True)
    phase = models.ForeignKey(
        "programmes.Phase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fase"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    # The competences the entry is about; a self-assessment's rated competences are among them.
    competences = models.ManyToManyField(
        "frameworks.Competence",
        blank=True,
        related_name="portfolio_entries",
        verbose_name=_("bekwaamheden"),
    )

    class Meta:
        ordering = ["-recorded_at", "-uuid"]
        constraints = [
            models.CheckConstraint(
                condition=Q(self_rating__isnull=True) | Q(self_rating__gte=1, self_rating__lte=5),
                name="portfolio_entry_rating_range",
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "-recorded_at", "-uuid"])]
        verbose_name = _("portfolio-item")
        verbose_name_plural = _("portfolio-items")

    def __str__(self):
        return self.title


class SelfRating(TenantModel):
    """The learner's own view (eigen inschatting) of one competence in a self-assessment,
    on the entrustment scale: 1 observes, 2 direct supervision, 3 indirect supervision,
    4 unsupervised, 5 supervises others. Formative like its entry: it reaches an assessor
    only when the learner releases the entry."""

    entry = models.ForeignKey(PortfolioEntry, on_delete=models.CASCADE, related_name="self_ratings")
    # A competence removed from its framework takes its links and ratings with it, as the
    # many-to-many links of feedback and entries do (frameworks are re-imported).
    competence = models.ForeignKey(
        "frameworks.Competence",
        on_delete=models.CASCADE,
        related_name="self_ratings",
        verbose_name=_("bekwaamheid"),
    )
    level = models.PositiveSmallIntegerField(_("niveau"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "competence"], name="self_rating_once_per_competence"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="self_rating_level_range"
            ),
        ]
        verbose_name = _("eigen inschatting")
        verbose_name_plural = _("eigen inschattingen")

    def __str__(self):
        return f"{self.competence}: {self.level}"

    @property
    def level_label(self):
        return AUTONOMY_LEVELS.get(self.level, "")


class Attachment(TenantModel):
    entry = models.ForeignKey(PortfolioEntry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=random_storage_name, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("grootte"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.original_name


class Release(TenantModel):
    """The learner releases selected formative items to an assessor, for a purpose.

    ``assignment`` names one assessor assignment; without it the items are released
    "for assessment" to every current assessor of the enrolment. Revoking ends it.
    """

    enrolment = models.ForeignKey(
        "programmes.Enrolment", on_delete=models.CASCADE, related_name="releases"
    )
    assignment = models.ForeignKey(
        "programmes.SupervisionAssignment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beoordelaar"),
    )
    purpose = models.TextField(_("waarvoor"))
    feedback = models.ManyToManyField(Feedback, blank=True, related_name="releases")
    entries = models.ManyToManyField(PortfolioEntry, blank=True, related_name="releases")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vrijgave")
        verbose_name_plural = _("vrijgaven")

    def __str__(self):
        return self.purpose[:80]


class Notification(TenantModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["emailed_at"]),
        ]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.title


class NotificationPreference(TenantModel):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_mode = models.CharField(
        _("e-mail over meldingen"),
        max_length=20,
        choices=EmailMode.choices,
        default=EmailMode.IMMEDIATE,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("voorkeur voor meldingen")
        verbose_name_plural = _("voorkeuren voor meldingen")
