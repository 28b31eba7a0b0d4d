"""Report jobs: request one, and run queued ones (the worker's `run_report_jobs`).

Small organisations get their report straight away: the job runs inline in the request
when the scope holds at most REPORT_INLINE_MAX_LEARNERS learners.
"""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from begeleid.programmes.models import Enrolment

from .models import ReportJob
from .models.reports import JobStatus, ReportFormat, ReportKind

logger = logging.getLogger(__name__)
DEFAULT_INLINE_MAX_LEARNERS = 200


def inline_limit() -> int:
    return int(getattr(settings, "REPORT_INLINE_MAX_LEARNERS", DEFAULT_INLINE_MAX_LEARNERS))


def learners_in_scope(organisation, team) -> int:
    enrolments = Enrolment.objects.filter(organisation=organisation)
    if team is not None:
        enrolments = enrolments.filter(team=team)
    return enrolments.values("learner_id").distinct().count()


def request_report(*, organisation, team, kind, output, start, end, by) -> ReportJob:
    """Queue a report; run it now when the scope is small enough."""
    with transaction.atomic():
        job = ReportJob.objects.create(
            organisation=organisation,
            team=team,
            kind=kind,
            output=output,
            period_start=start,
            period_end=end,
            requested_by=by,
        )
    if learners_in_scope(organisation, team) <= inline_limit():
        run_job(job)
        job.refresh_from_db()
    return job


def _claim(job) -> bool:
    """Only one worker runs a job: the queued → running update succeeds once."""
    return bool(
        ReportJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), progress=5
        )
    )


def _progress(job, percent):
    ReportJob.objects.filter(pk=job.pk).update(progress=percent)


def render(job) -> tuple[bytes, str]:
    """The report's bytes and file name."""
    from . import pdf

    stem = f"{job.get_kind_display()}-{(job.team.name if job.team else job.organisation.name)}"
    stem = "".join(ch if ch.isalnum() else "-" for ch in stem).strip("-").lower()
    if job.kind == ReportKind.MODEL:
        return pdf.model_pdf(job, progress=lambda p: _progress(job, p)), f"{stem}.pdf"
    if job.output == ReportFormat.CSV:
        return pdf.quality_cycle_csv(job), f"{stem}.csv"
    return pdf.quality_cycle_pdf(job, progress=lambda p: _progress(job, p)), f"{stem}.pdf"


def run_job(job) -> bool:
    """Run one queued job; False when someone else already took it."""
    if not _claim(job):
        return False
    job = ReportJob.objects.select_related("organisation", "team", "requested_by").get(pk=job.pk)
    try:
        content, name = render(job)
    except Exception as error:  # a failed report must not stop the worker
        logger.exception("report job %s failed", job.uuid)
        ReportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return True
    job.file.save(name, ContentFile(content), save=False)
    job.status = JobStatus.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "status", "progress", "finished_at", "updated_at"])
    return True


def run_queued(limit=None) -> int:
    """Run queued jobs, oldest first. Safe to run again: finished jobs are left alone."""
    done = 0
    queued = ReportJob.objects.filter(status=JobStatus.QUEUED).order_by("created_at", "id")
    for job in queued[:limit] if limit else queued:
        done += run_job(job)
    return done


def jobs_of(user):
    return (
        ReportJob.objects.filter(organisation_id=user.organisation_id, requested_by=user)
        .select_related("team")
        .order_by("-created_at", "-id")
    )
