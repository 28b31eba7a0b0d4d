"""The performance log: logging a performance, and a colleague confirming or declining it."""

from django.db import transaction
from django.utils import timezone

from begeleid.core.audit import record_audit
from begeleid.frameworks.enums import CompetenceKind

from ..models import ProcedurePerformance


def log_performance(
    *, person, competence, performed_on, confirmer, context="", by
) -> ProcedurePerformance:
    """``person`` performed ``competence`` (a procedure); ``confirmer`` is asked to confirm."""
    if competence.kind != CompetenceKind.PROCEDURE:
        raise ValueError("only procedures are logged as performances")
    if {competence.organisation_id, confirmer.organisation_id} != {person.organisation_id}:
        raise ValueError("person, procedure and colleague belong to different organisations")
    if confirmer.pk == person.pk:
        raise ValueError("nobody confirms their own performance")
    with transaction.atomic():
        performance = ProcedurePerformance.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            competence=competence,
            performed_on=performed_on,
            context=context,
            confirmer=confirmer,
        )
        record_audit(
            by=by,
            action="assessment.log_performance",
            obj=performance,
            changes={"performed_on": performed_on.isoformat(), "confirmer": str(confirmer.uuid)},
        )
    return performance


def answer_performance(*, performance, confirmed: bool, by) -> ProcedurePerformance:
    """The named colleague confirms (or declines) the performance; once."""
    with transaction.atomic():
        performance = ProcedurePerformance.objects.select_for_update().get(pk=performance.pk)
        if performance.confirmer_id != by.pk or performance.person_id == by.pk:
            raise ValueError("only the named colleague answers, never the person themselves")
        if performance.confirmed_at is not None or performance.declined_at is not None:
            raise ValueError("this performance has been answered already")
        now = timezone.now()
        if confirmed:
            performance.confirmed_by, performance.confirmed_at = by, now
        else:
            performance.declined_at = now
        performance.save(
            update_fields=["confirmed_by", "confirmed_at", "declined_at", "updated_at"]
        )
        record_audit(
            by=by,
            action="assessment.confirm_performance"
            if confirmed
            else "assessment.decline_performance",
            obj=performance,
            changes={"person": str(performance.person.uuid)},
        )
    return performance
