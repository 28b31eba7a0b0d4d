import pytest

from begeleid.programmes.queries import enrolments_visible_to, supervised_enrolments
from begeleid.programmes.rules import (
    is_current_supervisor_of,
    is_enrolment_learner,
    is_first_supervisor_of,
    is_team_trainer_of,
)

pytestmark = pytest.mark.django_db


VISIBLE = {
    "learner": {"enrolment"},
    "other_learner": {"other_enrolment"},
    "supervisor": {"enrolment"},
    "former_supervisor": set(),
    "specialist": {"enrolment"},
    "practice_trainer": {"enrolment", "other_enrolment"},
    "assessor": {"enrolment"},
    "team_leader": {"enrolment", "other_enrolment"},
    "hr": set(),
    "admin": set(),
    "outsider": set(),
    "stranger": set(),
}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_enrolments_visible_to_exactly_the_relationships(cast, persona):
    user = getattr(cast, persona)
    expected = {getattr(cast, name).pk for name in VISIBLE[persona]}
    assert set(enrolments_visible_to(user).values_list("pk", flat=True)) == expected


def test_supervised_enrolments_only_active_assignments(cast):
    assert list(supervised_enrolments(cast.supervisor)) == [cast.enrolment]
    assert list(supervised_enrolments(cast.former_supervisor)) == []
    assert set(supervised_enrolments(cast.practice_trainer)) == {
        cast.enrolment,
        cast.other_enrolment,
    }


def test_predicates_follow_the_cast(cast):
    e = cast.enrolment
    assert is_enrolment_learner(cast.learner, e)
    assert not is_enrolment_learner(cast.other_learner, e)
    assert is_first_supervisor_of(cast.supervisor, e)
    assert not is_first_supervisor_of(cast.specialist, e)
    assert is_current_supervisor_of(cast.specialist, e)
    assert not is_current_supervisor_of(cast.former_supervisor, e)
    assert not is_current_supervisor_of(cast.assessor, e)
    assert not is_current_supervisor_of(cast.supervisor, cast.other_enrolment)
    assert is_team_trainer_of(cast.team_leader, e)
    assert is_team_trainer_of(cast.practice_trainer, e)
    assert not is_team_trainer_of(cast.outsider, e)
    assert not is_team_trainer_of(cast.hr, e)
