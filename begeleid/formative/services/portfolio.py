"""Portfolio entries with their files, and releasing records to an assessor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from ..enums import EntryKind
from ..models import Attachment, PortfolioEntry, Release, SelfRating
from .feedback import check_competences, competence_codes


def add_entry(
    *,
    enrolment,
    by,
    kind: str,
    title: str,
    text: str = "",
    prompt: str = "",
    self_rating: int | None = None,
    competences=(),
    ratings: dict | None = None,
    files=(),
) -> PortfolioEntry:
    """Create an entry with its linked competences, the self-assessment's level per
    competence (``ratings``: {competence: 1..5}; those competences are linked too) and its
    already-checked files ([(uploaded, CheckedFile)]).

    Files are written during the transaction; if anything fails they are removed again,
    so a failed save leaves neither a row nor an orphan file.
    """
    ratings = ratings or {}
    if ratings and kind != EntryKind.SELF_ASSESSMENT:
        raise ValidationError(_("Een eigen inschatting hoort bij een zelfbeoordeling."))
    if any(level not in range(1, 6) for level in ratings.values()):
        raise ValidationError(_("Kies een niveau van 1 tot en met 5."))
    linked = list(dict.fromkeys(check_competences(enrolment, [*competences, *ratings])))
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
            if linked:
                entry.competences.set(linked)
            SelfRating.objects.bulk_create(
                SelfRating(
                    organisation_id=enrolment.organisation_id,
                    entry=entry,
                    competence=competence,
                    level=level,
                )
                for competence, level in ratings.items()
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
                changes={
                    "kind": kind,
                    "files": len(stored),
                    "competences": competence_codes(linked),
                    "ratings": {c.code or c.title: level for c, level in ratings.items()},
                },
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
