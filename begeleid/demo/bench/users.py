"""Typical users of the benchmark's pages and their URL arguments.

"Typical" is the person with the median workload for the page, ties broken by id, so the
same seed always picks the same person.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone

from begeleid.organisations.enums import Role


@dataclass
class Target:
    """One generated database: the size, its first organisation and the generator context."""

    size: str
    index: int
    ctx: object
    organisation: object = None
    _memo: dict = field(default_factory=dict)

    def memo(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


class Skip(Exception):
    pass


def _median_person(measure: dict):
    """The person id with the median value in ``{person_id: value}``, as a Person."""
    if not measure:
        return None
    ranked = sorted(measure, key=lambda pk: (measure[pk], pk))
    from begeleid.accounts.models import Person

    return Person.objects.get(pk=ranked[len(ranked) // 2])


def _holders(target, *roles):
    """``[(person_id, team_id)]`` of today's memberships with one of ``roles``."""
    from begeleid.organisations.models import Membership

    return list(
        Membership.objects.filter(organisation=target.organisation, role__in=roles)
        .active_on(timezone.localdate())
        .values_list("person_id", "team_id")
    )


def _learners_per_team(target):
    def compute():
        counts = {}
        for _, team_id in _holders(target, Role.LEARNER):
            counts[team_id] = counts.get(team_id, 0) + 1
        return counts

    return target.memo("learners_per_team", compute)


def _feedback_per_learner(target):
    """How much formative feedback each learner has received (empty without formative)."""
    if not apps.is_installed("begeleid.formative"):
        return {}
    from django.db.models import Count

    model = apps.get_model("formative", "Feedback")
    learner_field = next(
        (f for f in ("learner", "enrolment__learner") if _has_path(model, f)), None
    )
    if learner_field is None:
        return {}
    rows = (
        model.objects.filter(organisation=target.organisation)
        .values(learner_field)
        .annotate(n=Count("id"))
        .values_list(learner_field, "n")
    )
    return dict(rows)


def _has_path(model, lookup):
    for part in lookup.split("__"):
        try:
            model = model._meta.get_field(part).related_model or model
        except Exception:
            return False
    return True


def typical_learner(target):
    def compute():
        feedback = _feedback_per_learner(target)
        return _median_person({pk: feedback.get(pk, 0) for pk, _ in _holders(target, Role.LEARNER)})

    return target.memo("learner", compute)


def typical_supervisor(target):
    """The supervisor with the median number of learners they guide today."""

    def compute():
        measure = {}
        if apps.is_installed("begeleid.programmes"):
            from begeleid.programmes.models import SupervisionAssignment

            rows = (
                SupervisionAssignment.objects.active()
                .filter(organisation=target.organisation)
                .values_list("person_id", "enrolment__learner_id")
            )
            for person_id, learner_id in rows:
                measure.setdefault(person_id, set()).add(learner_id)
            measure = {pk: len(learners) for pk, learners in measure.items()}
        if not measure:  # no assignments: the learners of their team, shared out
            per_team = _learners_per_team(target)
            holders = _holders(target, Role.SUPERVISOR)
            supervisors = {}
            for _, team_id in holders:
                supervisors[team_id] = supervisors.get(team_id, 0) + 1
            measure = {
                pk: per_team.get(team_id, 0) // supervisors[team_id] for pk, team_id in holders
            }
        return _median_person(measure)

    return target.memo("supervisor", compute)


def _typical_team_person(role):
    """The holder of ``role`` with the median number of learners in their teams."""

    def pick(target):
        def compute():
            per_team = _learners_per_team(target)
            measure = {}
            for pk, team_id in _holders(target, role):
                measure[pk] = measure.get(pk, 0) + per_team.get(team_id, 0)
            return _median_person(measure)

        return target.memo(role, compute)

    return pick


def _organisation_person(role):
    def pick(target):
        return target.memo(
            role, lambda: _median_person({pk: 0 for pk, _ in _holders(target, role)})
        )

    return pick


def _enrolments_of_learner(target, learner_id):
    from begeleid.programmes.models import Enrolment

    return list(
        Enrolment.objects.filter(learner_id=learner_id).order_by("id").values_list("id", "uuid")
    )


def typical_learner_enrolment(target, user=None):
    """The typical learner's first enrolment (its UUID, as URL argument)."""
    if not apps.is_installed("begeleid.programmes"):
        raise Skip("no programmes app")
    learner = typical_learner(target)
    enrolments = _enrolments_of_learner(target, learner.pk) if learner else []
    if not enrolments:
        raise Skip("the typical learner has no enrolment")
    return [enrolments[0][1]]


def typical_supervised_enrolment(target, user=None):
    """Of the typical supervisor's learners, the enrolment with the median feedback count."""

    def compute():
        from begeleid.programmes.models import SupervisionAssignment

        supervisor = typical_supervisor(target)
        rows = (
            SupervisionAssignment.objects.active()
            .filter(person=supervisor)
            .values_list("enrolment_id", "enrolment__uuid", "enrolment__learner_id")
            .order_by("enrolment_id")
        )
        feedback = _feedback_per_learner(target)
        ranked = sorted(rows, key=lambda row: (feedback.get(row[2], 0), row[0]))
        return [ranked[len(ranked) // 2][1]] if ranked else None

    if not apps.is_installed("begeleid.programmes"):
        raise Skip("no programmes app")
    args = target.memo("supervised_enrolment", compute)
    if args is None:
        raise Skip("the typical supervisor guides no enrolment")
    return args


def team_of(target, user):
    """The team (UUID) in which ``user`` holds the most learners: their own team page."""
    from begeleid.organisations.models import Team

    per_team = _learners_per_team(target)
    teams = [
        team_id
        for pk, team_id in _holders(target, Role.TEAM_LEADER, Role.PRACTICE_TRAINER)
        if pk == user.pk
    ]
    if not teams:
        raise Skip("the typical user leads no team")
    team_id = max(sorted(teams), key=lambda t: per_team.get(t, 0))
    return [Team.objects.values_list("uuid", flat=True).get(pk=team_id)]


typical_practice_trainer = _typical_team_person(Role.PRACTICE_TRAINER)
typical_team_leader = _typical_team_person(Role.TEAM_LEADER)
typical_hr = _organisation_person(Role.HR)
typical_admin = _organisation_person(Role.ADMIN)
