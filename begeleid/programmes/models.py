"""Programmes (opleidingstrajecten), their versions and phases, and enrolments (leertrajecten)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel

from .enums import (
    AUTONOMY_LEVELS,
    Capacity,
    EnrolmentStatus,
    GuidanceForm,
    PhaseKind,
    VersionStatus,
)


class Programme(TenantModel):
    """An in-house training programme; its content lives in versions."""

    name = models.CharField(_("naam"), max_length=200)
    code = models.SlugField(_("code"), max_length=60)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="programme_unique_code"),
        ]
        verbose_name = _("opleidingstraject")
        verbose_name_plural = _("opleidingstrajecten")

    def __str__(self):
        return self.name


class ProgrammeVersion(TenantModel):
    """One version of a programme. Published versions are frozen."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="versions", verbose_name=_("traject")
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    description = models.TextField(_("omschrijving"), blank=True)
    target_professions = models.ManyToManyField(
        "organisations.Profession",
        blank=True,
        related_name="programme_versions",
        verbose_name=_("voor beroepen"),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )

    class Meta:
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="programme_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.DRAFT) | Q(published_at__isnull=False),
                name="programme_version_published_has_date",
            ),
        ]
        verbose_name = _("versie van een opleidingstraject")
        verbose_name_plural = _("versies van opleidingstrajecten")

    def __str__(self):
        return f"{self.programme} – {_('versie')} {self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT


class Phase(TenantModel):
    """A phase of a version, in order: what it asks and how much autonomy it expects."""

    version = models.ForeignKey(
        ProgrammeVersion, on_delete=models.CASCADE, related_name="phases", verbose_name=_("versie")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    kind = models.CharField(_("soort fase"), max_length=20, choices=PhaseKind.choices)
    name = models.CharField(_("naam"), max_length=120)
    goals = models.TextField(_("doelen"), blank=True)
    expected_autonomy = models.PositiveSmallIntegerField(
        _("verwachte zelfstandigheid"),
        choices=sorted(AUTONOMY_LEVELS.items()),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    typical_weeks = models.PositiveSmallIntegerField(
        _("gebruikelijke duur in weken"), default=4, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_autonomy__gte=1) & Q(expected_autonomy__lte=5),
                name="phase_expected_autonomy_range",
            ),
        ]
        indexes = [models.Index(fields=["version", "position"])]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")

    def __str__(self):
        return self.name


class PhaseGuidanceTarget(TenantModel):
    """The recommended guidance mix of a phase: a form and how often per four weeks."""

    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="guidance_targets", verbose_name=_("fase")
    )
    form = models.CharField(_("begeleidingsvorm"), max_length=30, choices=GuidanceForm.choices)
    per_four_weeks = models.PositiveSmallIntegerField(_("aantal per vier weken"))

    class Meta:
        ordering = ["phase", "form"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "form"], name="phase_guidance_target_unique"),
        ]
        verbose_name = _("begeleidingsnorm")
        verbose_name_plural = _("begeleidingsnormen")

    def __str__(self):
        return f"{self.get_form_display()}: {self.per_four_weeks}"


class Enrolment(TenantModel):
    """A learner on a programme version (leertraject)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("lerende"),
    )
    version = models.ForeignKey(
        ProgrammeVersion,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("opleidingstraject"),
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("team"),
    )
    start_date = models.DateField(_("startdatum"))
    planned_end_date = models.DateField(_("geplande einddatum"))
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    status_reason = models.TextField(_("reden van de status"), blank=True)
    current_phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="+", verbose_name=_("huidige fase")
    )

    class Meta:
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__gte=F("start_date")),
                name="enrolment_period_order",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["learner", "status"]),
        ]
        verbose_name = _("leertraject")
        verbose_name_plural = _("leertrajecten")

    def __str__(self):
        return f"{self.learner} – {self.version.programme}"

    @property
    def first_supervisor(self):
        """The active first supervisor (a Person), or None. (Lists read it with their rows:
        ``queries.enrolments_for_team_overview``.)"""
        for assignment in self.assignments.active().select_related("person"):
            if assignment.capacity == Capacity.FIRST_SUPERVISOR:
                return assignment.person
        return None

    def clean(self):
        if self.start_date and self.planned_end_date and self.planned_end_date < self.start_date:
            raise ValidationError(
                {"planned_end_date": _("De geplande einddatum ligt voor de startdatum.")}
            )


class PhaseTransition(TenantModel):
    """The history of an enrolment's phases: who moved it, when and why."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="phase_transitions",
        verbose_name=_("leertraject"),
    )
    from_phase = models.ForeignKey(
        Phase,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("van fase"),
    )
    to_phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="+", verbose_name=_("naar fase")
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")

    def __str__(self):
        return f"{self.from_phase or '–'} → {self.to_phase}"


class SupervisionAssignmentQuerySet(models.QuerySet):
    def active(self, day: datetime.date | None = None):
        """Assignments that hold on ``day`` (today): started, and not yet ended.

        ``valid_until`` is the day the assignment ended: from that day on it no longer holds.
        """
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gt=day)
        )


class SupervisionAssignment(TenantModel):
    """Someone guides (or assesses) a learner on an enrolment, in a capacity, for a period."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("leertraject"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_assignments",
        verbose_name=_("medewerker"),
    )
    capacity = models.CharField(_("hoedanigheid"), max_length=20, choices=Capacity.choices)
    profession = models.ForeignKey(
        "organisations.Profession",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beroep"),
    )
    valid_from = models.DateField(_("vanaf"))
    valid_until = models.DateField(_("beëindigd op"), null=True, blank=True)

    objects = SupervisionAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="supervision_assignment_period_order",
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(capacity=Capacity.FIRST_SUPERVISOR) & Q(valid_until__isnull=True),
                name="enrolment_one_active_first_supervisor",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "valid_until"]),
            models.Index(fields=["enrolment", "capacity"]),
        ]
        verbose_name = _("begeleidingsopdracht")
        verbose_name_plural = _("begeleidingsopdrachten")

    def __str__(self):
        return f"{self.person} – {self.get_capacity_display()}"

    def is_active(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.valid_from <= day and (self.valid_until is None or self.valid_until > day)
