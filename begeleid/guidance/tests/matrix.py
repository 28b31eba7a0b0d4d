import datetime

from django.utils import timezone

from begeleid.guidance import services
from begeleid.programmes.enums import GuidanceForm
from tests.authz import Case, everyone, expect, only, public

PLANNERS = ("supervisor", "specialist", "practice_trainer", "team_leader", "outsider")
MOMENT_VIEW = expect(
    404,
    learner=200,
    supervisor=200,
    specialist=200,
    practice_trainer=200,
    team_leader=200,
    assessor=403,
)
MOMENT_CHANGE = {**MOMENT_VIEW, "learner": 403}
MOMENT_CHANGED = {k: (302 if v == 200 else v) for k, v in MOMENT_CHANGE.items()}
ENROLMENT_VIEW = MOMENT_VIEW
TEAM_TRAINERS = only("practice_trainer", "team_leader")


def moment(cast):
    return {"uuid": cast.moment.uuid}


def team(cast):
    return {"uuid": cast.team.uuid}


def make_series(cast):
    today = timezone.localdate()
    cast.extra["series"] = services.plan_series(
        form=GuidanceForm.REFLECTION,
        title="Wekelijkse reflectie",
        recurrence="weekly",
        weekday=today.weekday(),
        start_time=datetime.time(15, 0),
        duration_minutes=45,
        location="",
        first_date=today + datetime.timedelta(days=1),
        until=today + datetime.timedelta(days=21),
        enrolments=[cast.enrolment],
        participants=[cast.supervisor],
        by=cast.supervisor,
    )


def make_reservation(cast):
    cast.extra["reservation"] = services.reserve_capacity(
        team=cast.team,
        person=cast.supervisor,
        hours_per_week=4,
        valid_from=timezone.localdate(),
        valid_until=None,
        by=cast.team_leader,
    )


def revoke(cast):
    services.revoke_calendar_feed(person=cast.supervisor)


CASES = [
    Case("guidance:moment_list", everyone()),
    Case("guidance:moment_plan", only(*PLANNERS, stranger=403)),
    Case("guidance:series_plan", only(*PLANNERS, stranger=403)),
    Case("guidance:moment_detail", MOMENT_VIEW, kwargs=moment),
    Case("guidance:moment_ics", MOMENT_VIEW, kwargs=moment),
    Case("guidance:moment_reschedule", MOMENT_CHANGE, kwargs=moment),
    Case("guidance:moment_cancel", MOMENT_CHANGE, kwargs=moment),
    Case(
        "guidance:moment_cancel",
        MOMENT_CHANGED,
        kwargs=moment,
        method="post",
        data=lambda cast: {"reason": "Afdeling onderbezet."},
        note="with reason",
    ),
    Case("guidance:moment_record", MOMENT_CHANGE, kwargs=moment),
    Case(
        "guidance:series_detail",
        MOMENT_VIEW,
        kwargs=lambda cast: {"uuid": cast.series.uuid},
        setup=make_series,
    ),
    Case("guidance:calendar_settings", everyone()),
    Case("guidance:feed", public(), kwargs=lambda cast: {"token": cast.calendar_token}),
    Case(
        "guidance:feed",
        public(404),
        kwargs=lambda cast: {"token": cast.calendar_token},
        setup=revoke,
        note="revoked",
    ),
    Case(
        "guidance:feed",
        public(404),
        kwargs=lambda cast: {"token": "not-a-real-token"},
        note="wrong token",
    ),
    Case(
        "guidance:enrolment_guidance",
        ENROLMENT_VIEW,
        kwargs=lambda cast: {"uuid": cast.enrolment.uuid},
    ),
    Case("guidance:team_settings", TEAM_TRAINERS, kwargs=team),
    Case("guidance:team_capacity", TEAM_TRAINERS, kwargs=team),
    Case(
        "guidance:reservation_delete",
        only("practice_trainer", "team_leader", ok=302),
        kwargs=lambda cast: {"uuid": cast.reservation.uuid},
        method="post",
        setup=make_reservation,
    ),
]
