"""The demo step for development, survey and budget."""

from begeleid.demo.generator import generate
from begeleid.demo.steps.organisations import PERSONA_HOME_TEAM
from begeleid.quality import queries_budget, queries_development, queries_survey
from begeleid.quality.models import SurveyRound


def test_demo_builds_development_survey_and_budget_story(db):
    ctx = generate("DEMO", seed=1)
    org = ctx.organisations[0]
    team = next(t for t in ctx.teams[org.id] if t.name == PERSONA_HOME_TEAM)
    rows = queries_development.team_development(team, ctx.today)
    assert sum(1 for r in rows if r.recognition) == 1
    assert any(r.recognition is None for r in rows)
    assert any(r.training_cost > 0 for r in rows)
    assert len({r.skill_levels[0][1] for r in rows if r.ratings}) >= 2
    closed, current = SurveyRound.objects.filter(team=team).order_by("opens_on")
    above = queries_survey.results_per_supervisor(closed)
    assert len(above) >= 1
    assert queries_survey.survey_results(organisation=org, round=current) is None
    summary = queries_budget.budget_summary(team=team, year=ctx.today.year)
    assert summary.amount is not None
    assert summary.spent > 0
