"""The demo step: a published Dutch vision and teams that put it into practice partly."""

from begeleid.collaboration import queries
from begeleid.collaboration.enums import SignalLevel, SignalStatus, VisionStatus
from begeleid.collaboration.models import InterprofessionalActivity, Signal, Vision
from begeleid.demo.generator import generate


def test_demo_builds_the_collaboration_story(db):
    ctx = generate("DEMO", seed=1)
    org = ctx.organisations[0]
    vision = Vision.objects.get(organisation=org, status=VisionStatus.PUBLISHED)
    assert sorted(set(vision.statements.values_list("question", flat=True))) == [
        "autonomy",
        "competence",
        "learning",
        "mistakes",
    ]
    assert Vision.objects.filter(organisation=org, status=VisionStatus.ARCHIVED).count() == 1
    gaps = queries.missing_minimum([t.pk for t in ctx.teams[org.id]])
    assert [len(missing) for missing in gaps.values() if missing] == [1]
    anonymous = Signal.objects.get(organisation=org, is_anonymous=True)
    assert (anonymous.raised_by_id, anonymous.level) == (None, SignalLevel.ORGANISATION)
    team_leader = ctx.personas["team_leader"]
    home = queries.team_leader_home(team_leader)
    assert home.signals and home.action_items and home.agreements_due
    assert any(c.lapsed for c in home.cadences)
    mine = {s.status for s in Signal.objects.filter(raised_by=ctx.personas["supervisor"])}
    assert SignalStatus.RESOLVED in mine
    assert InterprofessionalActivity.objects.filter(organisation=org).count() >= 4
