"""The demo step: two closed calibration sessions (the first poor on handover) and one open."""

from begeleid.assessment.models import CompetenceDeclaration, Criterion
from begeleid.demo.generator import generate
from begeleid.quality import services
from begeleid.quality.models import CalibrationSession


def test_demo_builds_the_calibration_story(db):
    ctx = generate("DEMO", seed=1)
    org = ctx.organisations[0]
    sessions = list(CalibrationSession.objects.filter(organisation=org).order_by("held_on"))
    assert [s.is_open for s in sessions] == [False, False, True]
    spring, autumn = sessions[0].results, sessions[1].results
    handover = min(spring["criteria"], key=lambda c: c["alpha"] if c["alpha"] is not None else 1)
    others = [c["alpha"] for c in spring["criteria"] if c is not handover]
    assert handover["alpha"] < min(others)
    assert handover["mean_range"] >= 1
    assert Criterion.objects.get(pk=handover["id"]).title == "Samenwerking en overdracht"
    assert autumn["overall"]["alpha"] is not None
    assert sessions[0].participants.count() >= 3
    assert CompetenceDeclaration.objects.filter(
        organisation=org, competence__identifier=services.CALIBRATION_COMPETENCE
    ).exists()
