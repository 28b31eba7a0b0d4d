"""Guidance moments: ten weeks of held moments and two weeks of planned ones per active
enrolment, following each phase's recommended mix; a weekly reflection series for the
persona learner; one learner deliberately out of balance (only instruction for six
weeks) and one above the weekly hours limit; capacity reservations for supervisors.

Everything is bulk-inserted (ids come back from ``bulk_create``), so 5,000 learners
(about 90,000 moments) take a fixed, small number of statements per batch.
"""

import datetime
import random
from collections import defaultdict

from django.utils import timezone

from begeleid.guidance import services
from begeleid.guidance.enums import MomentStatus, Recurrence
from begeleid.guidance.models import (
    CapacityReservation,
    GuidanceMoment,
    MomentLearner,
    MomentParticipant,
)
from begeleid.organisations.enums import Role
from begeleid.programmes.enums import GUIDING_CAPACITIES, Capacity, EnrolmentStatus, GuidanceForm
from begeleid.programmes.models import PhaseGuidanceTarget, SupervisionAssignment

WEEKS_BACK = 10
WEEKS_AHEAD = 2
# The balance monitor's default window; no demo cancellations inside it for regular learners.
BALANCE_WINDOW_WEEKS = 6
BATCH = 5000

DURATION = {
    GuidanceForm.INSTRUCTION: 60,
    GuidanceForm.COACHING_ON_THE_JOB: 45,
    GuidanceForm.SHADOW_DAY: 240,
    GuidanceForm.REFLECTION: 30,
    GuidanceForm.INTERVISION: 90,
}
TITLES = {
    GuidanceForm.INSTRUCTION: [
        "Instructie infuuspomp",
        "Skillstraining wondzorg",
        "Instructie medicatieveiligheid",
        "Training SBAR-overdracht",
    ],
    GuidanceForm.COACHING_ON_THE_JOB: [
        "Coaching bij de ochtendzorg",
        "Meekijken bij de medicatieronde",
        "Coaching bij een opname",
    ],
    GuidanceForm.SHADOW_DAY: ["Meeloopdag fysiotherapie", "Meeloopdag OK", "Meeloopdag IC"],
    GuidanceForm.REFLECTION: ["Reflectiegesprek", "Terugblik op de week"],
    GuidanceForm.INTERVISION: ["Intervisie lerenden", "Intervisie casus"],
}
LOCATIONS = ["Teamkamer", "Skillslab", "Kamer 12", "Leslokaal 2", "Afdeling"]
CANCEL_REASONS = ["Afdeling onderbezet.", "Lerende ziek gemeld.", "Begeleider ingezet elders."]


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _organisation(ctx, org):
    rng, today = ctx.rng, ctx.today
    now = timezone.now()
    enrolments = [e for e in ctx.enrolments.get(org.id, []) if e.status == EnrolmentStatus.ACTIVE]
    if not enrolments:
        return
    targets = defaultdict(dict)
    for phase_id, form, count in PhaseGuidanceTarget.objects.filter(organisation=org).values_list(
        "phase_id", "form", "per_four_weeks"
    ):
        targets[phase_id][form] = count
    guides = defaultdict(list)  # enrolment id -> [(capacity, person id)], first supervisor first
    for enrolment_id, capacity, person_id in (
        SupervisionAssignment.objects.active(today)
        .filter(organisation=org, capacity__in=list(GUIDING_CAPACITIES))
        .order_by("enrolment_id", "id")
        .values_list("enrolment_id", "capacity", "person_id")
    ):
        guides[enrolment_id].append((capacity, person_id))
    for people in guides.values():
        people.sort(key=lambda g: g[0] != Capacity.FIRST_SUPERVISOR)

    persona = ctx.personas.get("learner")
    persona_enrolment = next(
        (e for e in enrolments if persona is not None and e.learner_id == persona.pk), None
    )
    others = [e for e in enrolments if e is not persona_enrolment]
    out_of_balance = others[0] if others else None
    overloaded = others[1] if len(others) > 1 else None
    if persona_enrolment is not None:
        # The persona's own team shows both cases on the team leader's home page.
        same_team = [e for e in others if e.team_id == persona_enrolment.team_id]
        if len(same_team) >= 2:
            out_of_balance, overloaded = same_team[0], same_team[1]

    moments, learners, participants = [], [], []

    def add(enrolment, form, starts_at, minutes=None, status=None, may_cancel=True):
        people = guides.get(enrolment.pk) or []
        if status is None:
            if starts_at >= now:
                status = MomentStatus.PLANNED
            else:
                roll = rng.random()
                recent = (now - starts_at).days < 10
                status = (
                    MomentStatus.CANCELLED
                    if roll < 0.05 and may_cancel
                    else MomentStatus.PLANNED
                    if roll < 0.12 and recent
                    else MomentStatus.HELD
                )
        moment = GuidanceMoment(
            organisation=org,
            team_id=enrolment.team_id,
            form=form,
            title=rng.choice(TITLES[form]),
            starts_at=starts_at,
            duration_minutes=minutes or DURATION[form],
            location=rng.choice(LOCATIONS),
            status=status,
            cancel_reason=rng.choice(CANCEL_REASONS) if status == MomentStatus.CANCELLED else "",
            notes=(
                "Goed voorbereid; volgende keer zelf de planning maken."
                if status == MomentStatus.HELD and rng.random() < 0.3
                else ""
            ),
            created_by_id=people[0][1] if people else enrolment.learner_id,
        )
        moments.append(moment)
        learners.append((moment, enrolment, True if status == MomentStatus.HELD else None))
        if people:
            # Coaching and shadow days are often with the specialist; the rest with the first.
            pick = people[-1] if form in (GuidanceForm.SHADOW_DAY,) else people[0]
            participants.append((moment, pick[1]))

    monday = today - datetime.timedelta(days=today.weekday())
    # Regular learners get the recommended mix of their phase, spread evenly: each form
    # comes back every 4 / target weeks, from a start point of its own. So only the
    # learners built to show a warning show one. A stream of its own keeps the schedule
    # the same whatever the steps before this one draw.
    schedule = random.Random(f"guidance:{org.slug}")
    window = datetime.timedelta(weeks=BALANCE_WINDOW_WEEKS)
    for enrolment in enrolments:
        mix = dict(targets.get(enrolment.current_phase_id, {}))
        if enrolment is persona_enrolment:
            mix.pop(GuidanceForm.REFLECTION, None)  # from a real weekly series, below
        due = {form: schedule.uniform(0.7, 1.0) for form in sorted(mix)}
        first_week = max(-WEEKS_BACK, -((monday - enrolment.start_date).days // 7))
        for week in range(first_week, WEEKS_AHEAD):
            week_start = monday + datetime.timedelta(weeks=week)
            if enrolment is out_of_balance:
                if week >= -6:
                    day = week_start + datetime.timedelta(days=1)
                    add(enrolment, GuidanceForm.INSTRUCTION, _at(day, 10))
                continue
            for offset, form in enumerate(sorted(mix)):
                due[form] += mix[form] / 4
                if due[form] < 1:
                    continue
                due[form] -= 1
                day = week_start + datetime.timedelta(days=(offset + week) % 5)
                starts_at = _at(day, 8 + offset * 2, schedule.choice([0, 30]))
                add(enrolment, form, starts_at, may_cancel=now - starts_at > window)
        if enrolment is overloaded:
            for offset, form in enumerate(
                [
                    GuidanceForm.INSTRUCTION,
                    GuidanceForm.COACHING_ON_THE_JOB,
                    GuidanceForm.SHADOW_DAY,
                ]
            ):
                day = today + datetime.timedelta(days=offset + 1)
                add(enrolment, form, _at(day, 9), minutes=180, status=MomentStatus.PLANNED)

    GuidanceMoment.objects.bulk_create(moments, batch_size=BATCH)
    MomentLearner.objects.bulk_create(
        [
            MomentLearner(organisation=org, moment_id=m.pk, enrolment_id=e.pk, attended=attended)
            for m, e, attended in learners
        ],
        batch_size=BATCH,
    )
    MomentParticipant.objects.bulk_create(
        [
            MomentParticipant(organisation=org, moment_id=m.pk, person_id=person_id)
            for m, person_id in participants
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    if persona_enrolment is not None:
        _persona_series(ctx, persona_enrolment, guides)
    _reservations(ctx, org)


def _persona_series(ctx, enrolment, guides):
    """A weekly reflection on Thursday afternoon with the first supervisor, since the
    enrolment started (at most ten weeks back) until six weeks ahead. Past ones are held."""
    from django.contrib.auth import get_user_model

    people = guides.get(enrolment.pk) or []
    if not people:
        return
    supervisor = get_user_model().objects.get(pk=people[0][1])
    first = max(enrolment.start_date, ctx.today - datetime.timedelta(weeks=WEEKS_BACK))
    series = services.plan_series(
        form=GuidanceForm.REFLECTION,
        title="Wekelijks reflectiegesprek",
        recurrence=Recurrence.WEEKLY,
        weekday=3,
        start_time=datetime.time(14, 30),
        duration_minutes=30,
        location="Teamkamer",
        first_date=first,
        until=ctx.today + datetime.timedelta(weeks=6),
        enrolments=[enrolment],
        participants=[supervisor],
        by=supervisor,
    )
    now = timezone.now()
    GuidanceMoment.objects.filter(series=series, starts_at__lt=now).update(
        status=MomentStatus.HELD, notes="Besproken: wat ging goed, wat neem je mee."
    )
    MomentLearner.objects.filter(moment__series=series, moment__starts_at__lt=now).update(
        attended=True
    )
    # Coaching and instruction around it, so the persona's balance looks like a ward's.
    monday = ctx.today - datetime.timedelta(days=ctx.today.weekday())
    for week, form in ((-2, GuidanceForm.INSTRUCTION), (-1, GuidanceForm.COACHING_ON_THE_JOB)):
        starts_at = _at(monday + datetime.timedelta(weeks=week, days=1), 9)
        moment = services.plan_moment(
            form=form,
            title=TITLES[form][0],
            starts_at=starts_at,
            duration_minutes=DURATION[form],
            location="Afdeling",
            enrolments=[enrolment],
            participants=[supervisor],
            by=supervisor,
        )
        services.record_moment_held(
            moment=moment, notes="", attended={enrolment.pk: True}, by=supervisor
        )
    next_week = _at(monday + datetime.timedelta(weeks=1, days=2), 10)
    services.plan_moment(
        form=GuidanceForm.COACHING_ON_THE_JOB,
        title="Coaching bij de ochtendzorg",
        starts_at=next_week,
        duration_minutes=45,
        location="Afdeling",
        enrolments=[enrolment],
        participants=[supervisor],
        by=supervisor,
    )


def _reservations(ctx, org):
    rng = ctx.rng
    since = ctx.today - datetime.timedelta(days=180)
    rows = []
    for role, hours in ((Role.SUPERVISOR, (2, 3, 4, 5, 6)), (Role.SPECIALIST, (1, 2))):
        for person, team in ctx.of(org, role):
            if team is None:
                continue
            rows.append(
                CapacityReservation(
                    organisation=org,
                    person=person,
                    team=team,
                    hours_per_week=rng.choice(hours),
                    valid_from=since,
                )
            )
    CapacityReservation.objects.bulk_create(rows, batch_size=BATCH)
