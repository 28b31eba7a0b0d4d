"""Report jobs: a PDF or CSV generated in the background (or inline for small organisations)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from begeleid.core.models import TenantModel


class ReportKind(models.TextChoices):
    QUALITY_CYCLE = "quality_cycle", _("kwaliteitscyclus")
    MODEL = "model", _("ons begeleidingsmodel")


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    CSV = "csv", _("CSV")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class ReportJob(TenantModel):
    kind = models.CharField(_("rapport"), max_length=20, choices=ReportKind.choices)
    output = models.CharField(_("formaat"), max_length=3, choices=ReportFormat.choices)
    # No team: the whole organisation.
    team = models.ForeignKey(
        "organisations.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("team"),
    )
    period_start = models.DateField(_("van"), null=True, blank=True)
    period_end = models.DateField(_("tot en met"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    # Stored under MEDIA_ROOT; there is no public media URL, only the permission-checked view.
    file = models.FileField(upload_to="reports/%Y/%m/", max_length=200, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_job_progress_percent"
            ),
        ]
        verbose_name = _("rapportopdracht")
        verbose_name_plural = _("rapportopdrachten")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_output_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
