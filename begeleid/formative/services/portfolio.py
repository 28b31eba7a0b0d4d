"""Portfolio entries with their files, and releasing records to an assessor."""

from django.db import transaction
from django.utils import timezone

from begeleid.core.audit import record_audit

from ..models import Attachment, PortfolioEntry, Release


def add_entry(
    *,
    enrolment,
    by,
    kind: str,
    title: str,
    text: str = "",
    prompt: str = "",
    self_rating: int | None = None,
    files=(),
) -> PortfolioEntry:
    """Create an entry with its already-checked files ([(uploaded, CheckedFile)]).

    Files are written during the transaction; if anything fails they are removed again,
    so a failed save leaves neither a row nor an orphan file.
    """
    stored = []
    try:
        with transaction.atomic():
            entry = PortfolioEntry.objects.create(
                organisation_id=enrolment.organisation_id,
                enrolment=enrolment,
                kind=kind,
                title=title,
                text=text,
                prompt=prompt,
                self_rating=self_rating,
                phase_id=enrolment.current_phase_id,
                author=by,
            )
            for uploaded, checked in files:
                attachment = Attachment(
                    organisation_id=enrolment.organisation_id,
                    entry=entry,
                    original_name=checked.original_name,
                    content_type=checked.content_type,
                    size=checked.size,
                )
                uploaded.seek(0)
                attachment.file.save(f"upload.{checked.extension}", uploaded, save=False)
                stored.append(attachment.file)
                attachment.save()
            record_audit(
                by=by,
                action="formative.add_entry",
                obj=entry,
                changes={"kind": kind, "files": len(stored)},
            )
    except BaseException:
        for f in stored:
            f.storage.delete(f.name)
        raise
    return entry


@transaction.atomic
def release_items(*, enrolment, by, assignment, purpose: str, feedback, entries) -> Release:
    release = Release.objects.create(
        organisation_id=enrolment.organisation_id,
        enrolment=enrolment,
        assignment=assignment,
        purpose=purpose,
        released_by=by,
    )
    release.feedback.set([f for f in feedback if f.enrolment_id == enrolment.pk])
    release.entries.set([e for e in entries if e.enrolment_id == enrolment.pk])
    record_audit(
        by=by,
        action="formative.release",
        obj=release,
        changes={
            "assessor": assignment.person.full_name if assignment else "",
            "feedback": len(feedback),
            "entries": len(entries),
        },
    )
    return release


@transaction.atomic
def revoke_release(*, release, by) -> Release:
    release.revoked_at = timezone.now()
    release.save(update_fields=["revoked_at", "updated_at"])
    record_audit(by=by, action="formative.revoke_release", obj=release)
    return release
