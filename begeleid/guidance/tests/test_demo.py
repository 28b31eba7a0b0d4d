"""The demo step leaves the cases the demo is meant to show."""

import pytest

from begeleid.demo.generator import generate
from begeleid.guidance.models import CapacityReservation, GuidanceMoment, GuidanceSeries
from begeleid.guidance.queries import summarise
from begeleid.programmes.enums import EnrolmentStatus

pytestmark = pytest.mark.django_db


def test_demo_step_leaves_one_learner_out_of_balance_and_one_over_the_load_limit():
    ctx = generate("DEMO")
    org = ctx.organisations[0]
    active = [e for e in ctx.enrolments[org.id] if e.status == EnrolmentStatus.ACTIVE]
    summaries = summarise(active)
    dominant = [
        s.enrolment.learner
        for s in summaries
        if any(w.kind == "dominant" and w.form == "instruction" for w in s.balance.warnings)
    ]
    over = [
        s.enrolment.learner for s in summaries if any(b.kind == "hours" for b in s.load.breaches)
    ]
    assert len(dominant) == 1
    assert len(over) == 1
    # Only the two learners built to show a warning show one; everyone else is in balance.
    warned = {s.enrolment.learner for s in summaries if s.warning_count}
    assert warned == {dominant[0], over[0]}
    assert ctx.personas["learner"] not in warned
    persona = ctx.personas["learner"]
    assert (
        GuidanceSeries.objects.filter(enrolments__learner=persona, recurrence="weekly").count() == 1
    )
    assert GuidanceMoment.objects.filter(organisation=org).count() > 100
    assert CapacityReservation.objects.filter(organisation=org).exists()
