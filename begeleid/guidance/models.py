"""Guidance moments, recurring series, calendar feeds, team settings and capacity."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel
from begeleid.programmes.enums import GuidanceForm

from .enums import ExceptionKind, MomentStatus, Recurrence, Weekday


class TeamGuidanceSettings(TenantModel):
    """The team's agreements on balance and load; defaults hold until someone saves."""

    team = models.OneToOneField(
        "organisations.Team",
        on_delete=models.CASCADE,
        related_name="guidance_settings",
        verbose_name=_("team"),
    )
    balance_window_weeks = models.PositiveSmallIntegerField(
        _("venster voor de balans (weken)"),
        default=6,
        validators=[MinValueValidator(2), MaxValueValidator(26)],
    )
    dominance_percent = models.PositiveSmallIntegerField(
        _("grens voor één overheersende vorm (%)"),
        default=70,
        validators=[MinValueValidator(34), MaxValueValidator(100)],
    )
    max_supervisors = models.PositiveSmallIntegerField(
        _("maximaal aantal begeleiders tegelijk"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    max_guidance_hours_per_week = models.PositiveSmallIntegerField(
        _("maximaal aantal uur begeleiding per week"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    max_open_requests = models.PositiveSmallIntegerField(
        _("maximaal aantal openstaande verzoeken"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    class Meta:
        verbose_name = _("begeleidingsafspraken van een team")
        verbose_name_plural = _("begeleidingsafspraken van teams")

    def __str__(self):
        return str(self.team)


class GuidanceSeries(TenantModel):
    """A recurring moment (e.g. a weekly reflection); it materialises GuidanceMoments."""

    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    form = models.CharField(_("begeleidingsvorm"), max_length=30, choices=GuidanceForm.choices)
    title = models.CharField(_("titel"), max_length=200)
    recurrence = models.CharField(_("herhaling"), max_length=20, choices=Recurrence.choices)
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    start_time = models.TimeField(_("tijd"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    first_date = models.DateField(_("vanaf"))
    until = models.DateField(_("tot en met"))
    enrolments = models.ManyToManyField(
        "programmes.Enrolment", related_name="+", verbose_name=_("lerenden")
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("deelnemers")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gepland door"),
    )

    class Meta:
        ordering = ["first_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__gte=F("first_date")), name="guidance_series_period_order"
            ),
        ]
        verbose_name = _("reeks begeleidingsmomenten")
        verbose_name_plural = _("reeksen begeleidingsmomenten")

    def __str__(self):
        return self.title


class SeriesException(TenantModel):
    """One occurrence of a series, by the date the rule gives it, skipped or moved."""

    series = models.ForeignKey(GuidanceSeries, on_delete=models.CASCADE, related_name="exceptions")
    original_date = models.DateField(_("oorspronkelijke datum"))
    kind = models.CharField(_("wijziging"), max_length=10, choices=ExceptionKind.choices)
    moved_to = models.DateTimeField(_("verplaatst naar"), null=True, blank=True)

    class Meta:
        ordering = ["original_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_date"], name="series_exception_unique_date"
            ),
            models.CheckConstraint(
                condition=Q(kind=ExceptionKind.SKIP, moved_to__isnull=True)
                | Q(kind=ExceptionKind.MOVE, moved_to__isnull=False),
                name="series_exception_move_has_time",
            ),
        ]
        verbose_name = _("uitzondering in een reeks")
        verbose_name_plural = _("uitzonderingen in reeksen")


class GuidanceMomentQuerySet(models.QuerySet):
    def counting(self):
        """Moments that count for balance, load and capacity: planned or held."""
        return self.exclude(status=MomentStatus.CANCELLED)


class GuidanceMoment(TenantModel):
    """A planned or held moment of one guidance form, for one or more learners."""

    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team")
    )
    form = models.CharField(_("begeleidingsvorm"), max_length=30, choices=GuidanceForm.choices)
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint om"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MomentStatus.choices, default=MomentStatus.PLANNED
    )
    cancel_reason = models.TextField(_("reden van annuleren"), blank=True)
    notes = models.TextField(_("korte aantekeningen"), blank=True)
    series = models.ForeignKey(
        GuidanceSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moments",
        verbose_name=_("reeks"),
    )
    # For a moment of a series: the date the series rule gives it (also when moved).
    series_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gepland door"),
    )

    objects = GuidanceMomentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MomentStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="guidance_moment_cancel_has_reason",
            ),
            models.UniqueConstraint(
                fields=["series", "series_date"],
                condition=Q(series__isnull=False),
                name="guidance_moment_one_per_series_date",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "starts_at"]),
            models.Index(fields=["team", "starts_at"]),
        ]
        verbose_name = _("begeleidingsmoment")
        verbose_name_plural = _("begeleidingsmomenten")

    def __str__(self):
        return self.title

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def hours(self) -> float:
        return self.duration_minutes / 60


class MomentLearner(TenantModel):
    moment = models.ForeignKey(GuidanceMoment, on_delete=models.CASCADE, related_name="learners")
    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        on_delete=models.CASCADE,
        related_name="guidance_moments",
        verbose_name=_("leertraject"),
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["moment", "enrolment"], name="moment_learner_unique"),
        ]
        indexes = [models.Index(fields=["enrolment", "moment"])]
        verbose_name = _("lerende bij een moment")
        verbose_name_plural = _("lerenden bij momenten")


class MomentParticipant(TenantModel):
    moment = models.ForeignKey(
        GuidanceMoment, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guidance_participations",
        verbose_name=_("deelnemer"),
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["moment", "person"], name="moment_participant_unique"),
        ]
        indexes = [models.Index(fields=["person", "moment"])]
        verbose_name = _("deelnemer aan een moment")
        verbose_name_plural = _("deelnemers aan momenten")


class CalendarFeed(TenantModel):
    """A person's private calendar link. Only the SHA-256 of the secret is stored."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("agendakoppeling")
        verbose_name_plural = _("agendakoppelingen")

    @property
    def is_active(self) -> bool:
        return bool(self.token_hash)


class CapacityReservation(TenantModel):
    """The roster agreement: hours per week a person has for guidance in a team."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="capacity_reservations",
        verbose_name=_("begeleider"),
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.CASCADE,
        related_name="capacity_reservations",
        verbose_name=_("team"),
    )
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="capacity_reservation_period_order",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0), name="capacity_reservation_hours_positive"
            ),
        ]
        indexes = [models.Index(fields=["team", "person"])]
        verbose_name = _("gereserveerde begeleidingstijd")
        verbose_name_plural = _("gereserveerde begeleidingstijd")

    def __str__(self):
        return f"{self.person} – {self.hours_per_week}"
