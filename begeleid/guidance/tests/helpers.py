import datetime

from django.utils import timezone

from begeleid.guidance import services
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import GuidanceMoment
from begeleid.organisations.enums import Role
from begeleid.programmes.enums import EnrolmentStatus, GuidanceForm
from begeleid.programmes.models import Enrolment, SupervisionAssignment
from tests.factories import PersonFactory, give_role


def at(days=0, hour=10, minute=0):
    """An aware local datetime ``days`` from today at ``hour:minute``."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def plan(
    cast,
    *,
    enrolments=None,
    participants=None,
    form=GuidanceForm.INSTRUCTION,
    starts_at=None,
    minutes=60,
    status=None,
    title="Instructie infuus",
):
    moment = services.plan_moment(
        form=form,
        title=title,
        starts_at=starts_at or at(3),
        duration_minutes=minutes,
        location="Kamer 1",
        enrolments=enrolments or [cast.enrolment],
        participants=participants if participants is not None else [cast.supervisor],
        by=cast.supervisor,
    )
    if status:
        GuidanceMoment.objects.filter(pk=moment.pk).update(
            status=status, cancel_reason="x" if status == MomentStatus.CANCELLED else ""
        )
        moment.refresh_from_db()
    return moment


def enrol_learner(cast, name, *, supervisor=None, team=None):
    """Another learner in the cast's programme with ``supervisor`` as first supervisor."""
    learner = PersonFactory(organisation=cast.organisation, full_name=name)
    give_role(learner, Role.LEARNER, team or cast.team)
    enrolment = Enrolment.objects.create(
        organisation=cast.organisation,
        learner=learner,
        version=cast.version,
        team=team or cast.team,
        start_date=timezone.localdate() - datetime.timedelta(days=90),
        planned_end_date=timezone.localdate() + datetime.timedelta(days=200),
        status=EnrolmentStatus.ACTIVE,
        current_phase=cast.enrolment.current_phase,
    )
    SupervisionAssignment.objects.create(
        organisation=cast.organisation,
        enrolment=enrolment,
        person=supervisor or cast.supervisor,
        capacity="first_supervisor",
        valid_from=timezone.localdate() - datetime.timedelta(days=90),
    )
    return enrolment
