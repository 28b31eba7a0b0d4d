"""Who a person may plan guidance for, and with whom."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.programmes.enums import GUIDING_CAPACITIES, EnrolmentStatus
from begeleid.programmes.models import Enrolment, SupervisionAssignment
from begeleid.programmes.queries import supervised_enrolments, trainer_team_ids

GUIDING_ROLES = (Role.SUPERVISOR, Role.SPECIALIST, Role.PRACTICE_TRAINER)


def plannable_enrolments(user):
    """Active enrolments the user may plan for: guided now, or of a team they train."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    guided = supervised_enrolments(user, GUIDING_CAPACITIES).values("pk")
    return (
        Enrolment.objects.filter(
            organisation_id=user.organisation_id, status=EnrolmentStatus.ACTIVE
        )
        .filter(Q(pk__in=guided) | Q(team_id__in=trainer_team_ids(user)))
        .exclude(learner_id=user.pk)
        .select_related("learner", "team")
        .order_by("learner__full_name", "id")
    )


def possible_participants(user):
    """Who can be asked to take part: the people guiding the plannable enrolments, the
    guiding roles of their teams, and the planner."""
    today = timezone.localdate()
    enrolments = plannable_enrolments(user)
    guiding = SupervisionAssignment.objects.active(today).filter(
        enrolment__in=enrolments.values("pk"), capacity__in=list(GUIDING_CAPACITIES)
    )
    from begeleid.organisations.models import Membership

    members = Membership.objects.active_on(today).filter(
        team_id__in=enrolments.values("team_id"), role__in=list(GUIDING_ROLES)
    )
    return (
        get_user_model()
        .objects.filter(organisation_id=user.organisation_id, is_active=True)
        .filter(
            Q(pk=user.pk)
            | Q(pk__in=guiding.values("person_id"))
            | Q(pk__in=members.values("person_id"))
        )
        .order_by("full_name", "id")
    )


def guiding_people_of_team(team):
    from begeleid.organisations.models import Membership

    # The organisation is checked on the memberships, not on the people: with it on the
    # people SQLite walked every person of the organisation.
    members = Membership.objects.active_on(timezone.localdate()).filter(
        team=team, role__in=list(GUIDING_ROLES), person__organisation_id=team.organisation_id
    )
    return (
        get_user_model()
        .objects.filter(pk__in=members.values("person_id"))
        .order_by("full_name", "id")
    )
