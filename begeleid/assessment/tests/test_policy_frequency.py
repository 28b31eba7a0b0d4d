"""The policy's frequency rule (min_performances per per_months) on the edit form, in the
audit log and in the plain-language summary learners read."""

import pytest
from django.urls import reverse

from begeleid.assessment.models import AssessmentPolicy
from begeleid.assessment.policy import plain_dutch
from begeleid.core.models import AuditEvent

BASE = {
    "deciding_role": "assessor",
    "min_evidence": 1,
    "review_mode": "none",
    "consensus_rule": "both_agree",
    "validity_months": 24,
    "min_days_between_attempts": 0,
}
RULE = "Je voert deze handeling minstens 2 keer per 12 maanden uit."


def _edit(cast):
    return reverse("assessment:policy_edit", kwargs={"uuid": cast.programme.uuid})


def _detail(cast):
    return reverse("assessment:policy_detail", kwargs={"uuid": cast.programme.uuid})


def test_policy_form_saves_the_frequency_rule_audits_it_and_tells_the_learner(cast, login):
    response = login(cast.hr).post(_edit(cast), {**BASE, "min_performances": 2, "per_months": 12})
    policy = AssessmentPolicy.objects.get(programme=cast.programme)
    assert response.status_code == 302
    assert (policy.min_performances, policy.per_months) == (2, 12)
    event = AuditEvent.objects.get(action="assessment.save_policy", actor=cast.hr)
    assert (event.changes["min_performances"], event.changes["per_months"]) == (2, 12)
    page = login(cast.learner).get(_detail(cast))
    assert page.context["lines"][-1] == (
        f"{RULE} Alleen uitvoeringen die een collega bevestigt onder ‘Mijn verrichtingen’ "
        "tellen mee."
    )
    assert RULE in page.content.decode()


def test_policy_form_shows_the_current_rule(cast, login):
    AssessmentPolicy.objects.create(
        organisation=cast.organisation, programme=cast.programme, min_performances=3, per_months=6
    )
    form = login(cast.admin).get(_edit(cast)).content.decode()
    assert 'name="min_performances" value="3" min="1" max="100"' in form
    assert 'name="per_months" value="6" min="1" max="120"' in form
    assert "Frequentie: binnen hoeveel maanden" in form


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        (
            {"min_performances": 2},
            "per_months",
            "Vul ook in binnen hoeveel maanden, of laat beide frequentievelden leeg.",
        ),
        (
            {"per_months": 12},
            "min_performances",
            "Vul ook het aantal uitvoeringen in, of laat beide frequentievelden leeg.",
        ),
        (
            {"min_performances": 0, "per_months": 12},
            "min_performances",
            "Vul een positief getal in (minstens 1), of laat het leeg.",
        ),
        (
            {"min_performances": 2, "per_months": -3},
            "per_months",
            "Vul een positief getal in (minstens 1), of laat het leeg.",
        ),
        ({"min_performances": 2, "per_months": 121}, "per_months", "Vul hoogstens 120 in."),
        (
            {"min_performances": "twee", "per_months": 12},
            "min_performances",
            "Vul een heel getal in.",
        ),
    ],
)
def test_policy_form_refuses_half_or_bad_rules_and_saves_nothing(cast, login, rule, field, message):
    AssessmentPolicy.objects.create(
        organisation=cast.organisation, programme=cast.programme, validity_months=6
    )
    response = login(cast.hr).post(_edit(cast), {**BASE, **rule})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    policy = AssessmentPolicy.objects.get(programme=cast.programme)
    assert (policy.validity_months, policy.min_performances, policy.per_months) == (6, None, None)
    assert not AuditEvent.objects.filter(action="assessment.save_policy").exists()


def test_clearing_both_fields_removes_the_rule(cast, login):
    AssessmentPolicy.objects.create(
        organisation=cast.organisation, programme=cast.programme, min_performances=2, per_months=12
    )
    response = login(cast.hr).post(_edit(cast), {**BASE, "min_performances": "", "per_months": ""})
    policy = AssessmentPolicy.objects.get(programme=cast.programme)
    assert response.status_code == 302
    assert (policy.min_performances, policy.per_months) == (None, None)
    assert not any("keer per" in line for line in plain_dutch(policy))


def test_plain_dutch_frequency_rule_for_one_month(cast):
    policy = AssessmentPolicy(
        organisation=cast.organisation, programme=cast.programme, min_performances=1, per_months=1
    )
    assert "Je voert deze handeling minstens 1 keer per maand uit." in plain_dutch(policy)[-1]
