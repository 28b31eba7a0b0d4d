"""The cast's guidance: one planned moment of the learner with the supervisor, and a
calendar feed of the supervisor (its secret in ``cast.calendar_token``)."""

import datetime

from django.utils import timezone

from begeleid.guidance import services
from begeleid.programmes.enums import GuidanceForm


def extend(cast):
    starts_at = (timezone.localtime() + datetime.timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    cast.extra["moment"] = services.plan_moment(
        form=GuidanceForm.COACHING_ON_THE_JOB,
        title="Coaching bij de ochtendzorg",
        starts_at=starts_at,
        duration_minutes=60,
        location="Kamer 12",
        enrolments=[cast.extra["enrolment"]],
        participants=[cast.people["supervisor"]],
        by=cast.people["supervisor"],
    )
    cast.extra["calendar_token"] = services.renew_calendar_feed(person=cast.people["supervisor"])
