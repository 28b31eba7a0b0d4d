"""Reads for supervisor development (ontwikkeling van begeleiders).

Contract for other pages (dashboards, glance, reports):

- ``SUPERVISING_ROLES``: the team roles that make someone a supervisor here.
- ``recognition_of(person, day=None)`` → the person's CompetenceDeclaration of the
  competence ``begeleid-erkend-begeleider`` that is valid on ``day`` (today), or ``None``.
- ``latest_self_assessments(person_ids)`` → {person_id: {SupervisorSkill value: SelfAssessment}}
  with each person's most recent rating per skill. One query.
- ``intervision_counts(person_ids, day=None)`` → {person_id: number of collaboration meetings
  of kind intervision they took part in during the twelve months up to ``day``}. One query.
- ``team_development(team, day=None)`` → list of ``SupervisorRow`` (person, latest ratings,
  training hours and cost in the last 12 months, intervision count, recognition) for the
  team's current supervisors, by name. A fixed number of queries.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.assessment.models import CompetenceDeclaration
from begeleid.assessment.services import qualifications
from begeleid.collaboration.enums import MeetingKind
from begeleid.collaboration.models import Meeting
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Team
from begeleid.organisations.queries import active_today_q, roles_of

from .enums import SupervisorSkill
from .models import SelfAssessment, TrainingRecord
from .rules import LEADS

SUPERVISING_ROLES = (Role.SUPERVISOR, Role.SPECIALIST, Role.PRACTICE_TRAINER)
QUALIFICATIONS_FRAMEWORK = qualifications.QUALIFICATIONS_FRAMEWORK
RECOGNITION_COMPETENCE = qualifications.RECOGNISED_SUPERVISOR


def year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1) + datetime.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + datetime.timedelta(days=1)


def _valid_on_q(day) -> Q:
    return Q(valid_from__lte=day, revoked_at__isnull=True, superseded_by__isnull=True) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def _recognitions(person_ids, day):
    return CompetenceDeclaration.objects.filter(
        _valid_on_q(day),
        person_id__in=person_ids,
        competence__identifier=RECOGNITION_COMPETENCE,
        competence__framework__identifier=QUALIFICATIONS_FRAMEWORK,
    ).order_by("valid_from", "id")


def recognition_of(person, day=None):
    day = day or timezone.localdate()
    return _recognitions([person.pk], day).last()


def latest_self_assessments(person_ids) -> dict:
    latest: dict = {}
    rows = SelfAssessment.objects.filter(person_id__in=person_ids).order_by(
        "person_id", "skill", "-assessed_on", "-id"
    )
    for row in rows:
        latest.setdefault(row.person_id, {}).setdefault(row.skill, row)
    return latest


def intervision_counts(person_ids, day=None) -> dict:
    day = day or timezone.localdate()
    rows = (
        Meeting.participants.through.objects.filter(
            person_id__in=person_ids,
            meeting__kind=MeetingKind.INTERVISION,
            meeting__date__gte=year_before(day),
            meeting__date__lte=day,
        )
        .values("person_id")
        .annotate(n=Count("meeting_id", distinct=True))
        .values_list("person_id", "n")
    )
    return dict(rows)


def self_assessment_history(person):
    """All of the person's ratings, per skill (in skill order), newest first."""
    rows = list(SelfAssessment.objects.filter(person=person).order_by("-assessed_on", "-id"))
    return [(skill, [r for r in rows if r.skill == skill.value]) for skill in SupervisorSkill]


def training_records_of(person):
    return TrainingRecord.objects.filter(person=person).select_related("team")


@dataclass
class SupervisorRow:
    person: object
    ratings: dict = field(default_factory=dict)
    training_hours: Decimal = Decimal("0")
    training_cost: Decimal = Decimal("0")
    intervisions: int = 0
    recognition: object = None

    @property
    def skill_levels(self):
        """[(SupervisorSkill, latest level or None)] in skill order."""
        return [
            (skill, getattr(self.ratings.get(skill.value), "level", None))
            for skill in SupervisorSkill
        ]


def team_supervisors(team):
    people = Membership.objects.filter(
        active_today_q(), team=team, role__in=SUPERVISING_ROLES
    ).values("person_id")
    return (
        get_user_model().objects.filter(pk__in=people, is_active=True).order_by("full_name", "pk")
    )


def team_development(team, day=None) -> list[SupervisorRow]:
    day = day or timezone.localdate()
    people = list(team_supervisors(team))
    ids = [p.pk for p in people]
    ratings = latest_self_assessments(ids)
    training = {
        row["person_id"]: row
        for row in TrainingRecord.objects.filter(
            person_id__in=ids, date__gte=year_before(day), date__lte=day
        )
        .values("person_id")
        .annotate(hours=Sum("hours"), cost=Sum("cost"))
        .order_by()
    }
    intervisions = intervision_counts(ids, day)
    recognitions = {d.person_id: d for d in _recognitions(ids, day)}
    return [
        SupervisorRow(
            person=p,
            ratings=ratings.get(p.pk, {}),
            training_hours=training.get(p.pk, {}).get("hours") or Decimal("0"),
            training_cost=training.get(p.pk, {}).get("cost") or Decimal("0"),
            intervisions=intervisions.get(p.pk, 0),
            recognition=recognitions.get(p.pk),
        )
        for p in people
    ]


def development_teams_for(user):
    """Teams whose development overview the user may open: led teams; all for HR/managers."""
    teams = Team.objects.filter(organisation_id=user.organisation_id)
    if not roles_of(user).has(Role.HR, Role.MANAGER):
        teams = teams.filter(pk__in=roles_of(user).teams_with(*LEADS))
    return teams.order_by("name")


def get_training_record_for(user, uuid) -> TrainingRecord:
    return get_object_or_404(
        TrainingRecord.objects.filter(organisation_id=user.organisation_id).select_related(
            "person", "team"
        ),
        uuid=uuid,
    )


def teams_of_person(person):
    """The teams where the person currently holds a role (for booking training costs)."""
    ids = Membership.objects.filter(active_today_q(), person=person, team__isnull=False).values(
        "team_id"
    )
    return Team.objects.filter(pk__in=ids).order_by("name")
