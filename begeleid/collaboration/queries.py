"""Reads for the collaboration app, scoped to the user's organisation (404 outside it)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import CharField, Count, OuterRef, Prefetch, Q, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils import timezone

from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership, Profession, Team
from begeleid.organisations.queries import role_teams_of, roles_of

from .enums import (
    ActionStatus,
    AgreementStatus,
    SignalLevel,
    SignalStatus,
    VisionStatus,
    WorkfloorTopic,
)
from .models import (
    ActionItem,
    InterprofessionalActivity,
    Meeting,
    MeetingCadence,
    Signal,
    TeamAgreement,
    Vision,
    VisionStatement,
)
from .rules import LEADS, STAFF

DUE_SOON_DAYS = 30

# ---------------------------------------------------------------- scopes


def _org(user):
    return {"organisation_id": user.organisation_id}


def is_organisation_level(user) -> bool:
    return roles_of(user).has(Role.HR, Role.MANAGER)


def teams_in_scope(user):
    """Teams whose agreements, meetings and activities the user oversees."""
    teams = Team.objects.filter(**_org(user), is_active=True)
    if is_organisation_level(user):
        # Departments that only hold teams have no workfloor of their own: the wards
        # below them are where agreements live.
        return teams.filter(children__isnull=True)
    return teams.filter(pk__in=roles_of(user).by_team.keys())


def teams_led_by(user):
    return Team.objects.filter(**_org(user), pk__in=roles_of(user).teams_with(*LEADS))


def teams_worked_in(user):
    return Team.objects.filter(**_org(user), pk__in=roles_of(user).teams_with(*STAFF))


# ---------------------------------------------------------------- vision


def published_vision(user):
    return (
        Vision.objects.filter(**_org(user), status=VisionStatus.PUBLISHED)
        .select_related("published_by")
        .prefetch_related("statements")
        .first()
    )


def vision_versions(user):
    return Vision.objects.filter(**_org(user)).select_related("published_by", "created_by")


def get_vision_for(user, uuid) -> Vision:
    return get_object_or_404(
        Vision.objects.filter(**_org(user))
        .select_related("published_by")
        .prefetch_related("statements"),
        uuid=uuid,
    )


def get_statement_for(user, uuid) -> VisionStatement:
    return get_object_or_404(
        VisionStatement.objects.filter(**_org(user)).select_related("vision"), uuid=uuid
    )


def statements_by_question(statements):
    grouped = defaultdict(list)
    for statement in statements:
        grouped[statement.question].append(statement)
    from .enums import VisionQuestion

    return [(q, grouped.get(q.value, [])) for q in VisionQuestion]


def published_statements(user):
    return VisionStatement.objects.filter(
        **_org(user), vision__status=VisionStatus.PUBLISHED
    ).order_by("question", "position", "id")


# ---------------------------------------------------------------- agreements


def get_agreement_for(user, uuid) -> TeamAgreement:
    return get_object_or_404(
        TeamAgreement.objects.filter(**_org(user)).select_related("team", "owner"), uuid=uuid
    )


def agreements_of_team(team):
    return (
        TeamAgreement.objects.filter(team=team)
        .select_related("owner")
        .prefetch_related(
            Prefetch("statements", queryset=VisionStatement.objects.select_related("vision"))
        )
        .order_by("status", "topic", "title", "id")
    )


def missing_minimum(team_ids) -> dict[int, list]:
    """Per team id: the workfloor topics no active agreement of the team covers."""
    present = defaultdict(set)
    # One row per team with its topics joined (not one per team and topic).
    rows = (
        TeamAgreement.objects.filter(team_id__in=list(team_ids), status=AgreementStatus.ACTIVE)
        .exclude(topic="")
        .order_by()  # no default ordering: it joined teams and widened the grouping
        .values("team_id")
        .annotate(topics=StringAgg("topic", Value(","), distinct=True))
        .values_list("team_id", "topics")
    )
    for team_id, topics in rows:
        present[team_id] = set(topics.split(","))
    return {
        team_id: [t for t in WorkfloorTopic if t.value not in present[team_id]]
        for team_id in team_ids
    }


@dataclass
class Coverage:
    statements: list = field(default_factory=list)  # (statement, [covering teams], [others])
    overdue: list = field(default_factory=list)  # (team, [agreements past review date])
    missing: list = field(default_factory=list)  # (team, [workfloor topics])
    team_count: int = 0


def coverage_for(user) -> Coverage:
    """Per published statement which teams put it into practice, per team what is overdue."""
    today = timezone.localdate()
    # The page names every team once per statement, so it grows with the organisation:
    # the teams with only what the page shows, and per statement the covering team ids
    # joined in the database (one row per statement, not one per team and statement).
    teams = list(
        teams_in_scope(user).only("uuid", "name", "organisation_id").order_by("name", "id")
    )
    team_ids = [t.pk for t in teams]
    statements = list(published_statements(user))
    covered = defaultdict(set)
    links = (
        TeamAgreement.statements.through.objects.filter(
            teamagreement__team_id__in=team_ids,
            teamagreement__status=AgreementStatus.ACTIVE,
            visionstatement__lineage__in=[s.lineage for s in statements],
        )
        .values("visionstatement__lineage")
        .annotate(
            teams=StringAgg(Cast("teamagreement__team_id", CharField()), Value(","), distinct=True)
        )
        .values_list("visionstatement__lineage", "teams")
    )
    for lineage, joined in links:
        covered[lineage] = {int(team_id) for team_id in joined.split(",")}
    result = Coverage()
    keyed = list(zip(team_ids, teams, strict=True))
    for statement in statements:
        ids = covered[statement.lineage]
        result.statements.append(
            (
                statement,
                [t for pk, t in keyed if pk in ids],
                [t for pk, t in keyed if pk not in ids],
            )
        )
    overdue = defaultdict(list)
    for agreement in (
        TeamAgreement.objects.filter(
            team_id__in=team_ids, status=AgreementStatus.ACTIVE, review_date__lt=today
        )
        .select_related("owner")
        .order_by("review_date", "id")
    ):
        overdue[agreement.team_id].append(agreement)
    result.overdue = [(t, overdue[t.pk]) for t in teams if overdue[t.pk]]
    result.team_count = len(teams)
    gaps = missing_minimum(team_ids)
    result.missing = [(t, gaps[t.pk]) for t in teams if gaps[t.pk]]
    return result


# ---------------------------------------------------------------- meetings


def meetings_for(user, *, team=None, kind=""):
    meetings = Meeting.objects.filter(**_org(user)).select_related("team")
    if not is_organisation_level(user):
        meetings = meetings.filter(
            Q(team_id__in=roles_of(user).teams_with(*STAFF)) | Q(participants=user)
        ).distinct()
    if team is not None:
        meetings = meetings.filter(team=team)
    if kind:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("-date", "-id")


def get_meeting_for(user, uuid) -> Meeting:
    return get_object_or_404(
        Meeting.objects.filter(**_org(user)).select_related("team", "learner", "created_by"),
        uuid=uuid,
    )


def meeting_detail(meeting):
    """The participants, action items and signals of one meeting, in three queries."""
    participants = list(meeting.participants.select_related("profession").order_by("full_name"))
    items = list(meeting.action_items.select_related("owner").order_by("status", "due_date"))
    signals = list(meeting.signals.select_related("owner").order_by("-created_at"))
    return participants, items, signals


def learner_names(team) -> list[str]:
    """Names of the team's learners, to hide in an anonymised case discussion."""
    names = (
        Membership.objects.filter(team=team, role=Role.LEARNER)
        .values_list("person__full_name", flat=True)
        .distinct()
    )
    parts = set()
    for name in names:
        parts.add(name)
        first = name.split(" ")[0]
        if len(first) >= 3:
            parts.add(first)
    return sorted(parts, key=len, reverse=True)


def redact(text: str, names, replacement: str) -> str:
    if not text or not names:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")
    return pattern.sub(replacement, text)


def get_action_item_for(user, uuid) -> ActionItem:
    return get_object_or_404(
        ActionItem.objects.filter(**_org(user)).select_related("meeting", "owner"), uuid=uuid
    )


@dataclass
class CadenceStatus:
    team: Team
    kind: str
    kind_label: str
    every_weeks: int
    last_date: object
    next_due: object
    lapsed: bool


def cadence_status(team_ids) -> list[CadenceStatus]:
    """Per cadence: the last meeting of that kind and whether the rhythm has lapsed."""
    today = timezone.localdate()
    last = (
        Meeting.objects.filter(team_id=OuterRef("team_id"), kind=OuterRef("kind"))
        .order_by("-date")
        .values("date")[:1]
    )
    cadences = (
        MeetingCadence.objects.filter(team_id__in=list(team_ids))
        .select_related("team")
        .annotate(last_date=Subquery(last))
        .order_by("team__name", "kind")
    )
    result = []
    for c in cadences:
        next_due = c.last_date + timedelta(weeks=c.every_weeks) if c.last_date else None
        result.append(
            CadenceStatus(
                team=c.team,
                kind=c.kind,
                kind_label=c.get_kind_display(),
                every_weeks=c.every_weeks,
                last_date=c.last_date,
                next_due=next_due,
                lapsed=next_due is None or next_due < today,
            )
        )
    return result


def cadences_of(team) -> dict:
    return dict(MeetingCadence.objects.filter(team=team).values_list("kind", "every_weeks"))


def team_people(team):
    """People holding a role in the team today (for participant and owner choices)."""
    today = timezone.localdate()
    return (
        people_for_team_ids([team.pk], today)
        .select_related("profession")
        .order_by("full_name", "id")
    )


def team_staff(team):
    """People working in the team today (not as learner): who can own an action item."""
    today = timezone.localdate()
    held = Membership.objects.active_on(today).filter(team=team, role__in=list(STAFF))
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(pk__in=held.values("person_id"), is_active=True)
        .order_by("full_name", "id")
    )


def people_for_team_ids(team_ids, day):
    from django.contrib.auth import get_user_model

    held = Membership.objects.active_on(day).filter(team_id__in=team_ids)
    return get_user_model().objects.filter(pk__in=held.values("person_id"), is_active=True)


def learners_of_team_ids(team_ids, day):
    from django.contrib.auth import get_user_model

    held = Membership.objects.active_on(day).filter(team_id__in=team_ids, role=Role.LEARNER)
    return get_user_model().objects.filter(pk__in=held.values("person_id")).order_by("full_name")


def is_hr(user) -> bool:
    return roles_of(user).has(Role.HR)


def team_learners(team):
    today = timezone.localdate()
    held = Membership.objects.active_on(today).filter(team=team, role=Role.LEARNER)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=held.values("person_id")).order_by("full_name")


# ---------------------------------------------------------------- signals


def signals_handled_by(user):
    """Signals the user owns or oversees: their own, their teams', and all for HR/managers."""
    signals = Signal.objects.filter(**_org(user)).select_related("team", "owner")
    if is_organisation_level(user):
        return signals.order_by("status", "-created_at", "-id")
    led = roles_of(user).teams_with(*LEADS)
    return signals.filter(Q(owner=user) | Q(level=SignalLevel.TEAM, team_id__in=led)).order_by(
        "status", "-created_at", "-id"
    )


def signals_raised_by(user):
    return (
        Signal.objects.filter(**_org(user), raised_by=user)
        .select_related("team", "owner")
        .order_by("-created_at", "-id")
    )


def get_signal_for(user, uuid) -> Signal:
    return get_object_or_404(
        Signal.objects.filter(**_org(user)).select_related(
            "team", "owner", "raised_by", "statement", "agreement"
        ),
        uuid=uuid,
    )


def signal_by_follow_up_code(code: str):
    from .services import hash_follow_up_code

    if not code.strip():
        return None
    return (
        Signal.objects.filter(follow_up_code_hash=hash_follow_up_code(code), is_anonymous=True)
        .select_related("team")
        .first()
    )


def signal_owner_candidates(signal):
    """Who can own a signal: team leaders/coordinators of its team, HR and managers."""
    today = timezone.localdate()
    roles = Q(team__isnull=True, role__in=[Role.HR, Role.MANAGER])
    if signal.team_id:
        roles |= Q(team_id=signal.team_id, role__in=list(LEADS))
    held = Membership.objects.active_on(today).filter(roles, organisation_id=signal.organisation_id)
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=held.values("person_id"), is_active=True)


def open_signals_of_team(team):
    return Signal.objects.filter(team=team).exclude(status=SignalStatus.RESOLVED)


# ---------------------------------------------------------------- interprofessional


def activities_for(user, *, team=None):
    activities = InterprofessionalActivity.objects.filter(**_org(user)).select_related("team")
    if not is_organisation_level(user):
        activities = activities.filter(
            Q(team_id__in=roles_of(user).by_team.keys()) | Q(participants=user) | Q(learners=user)
        ).distinct()
    if team is not None:
        activities = activities.filter(team=team)
    return activities.prefetch_related("professions").order_by("-date", "-id")


def get_activity_for(user, uuid) -> InterprofessionalActivity:
    return get_object_or_404(
        InterprofessionalActivity.objects.filter(**_org(user)).select_related("team"), uuid=uuid
    )


def activity_people(activity):
    participants = list(activity.participants.select_related("profession").order_by("full_name"))
    learners = list(activity.learners.order_by("full_name"))
    return participants, learners


def months_back(today, count):
    """The first days of the last ``count`` months, oldest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(today.replace(year=year, month=month, day=1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


@dataclass
class PairRow:
    pair: tuple
    label: str
    counts: list
    total: int
    points: str  # SVG polyline points for a small trend line


def interprofessional_by_pair(team, months=12) -> tuple[list, list[PairRow]]:
    """Per pair of professions: how many activities they shared, per month."""
    today = timezone.localdate()
    columns = months_back(today, months)
    through = InterprofessionalActivity.professions.through
    rows = through.objects.filter(
        interprofessionalactivity__team=team,
        interprofessionalactivity__date__gte=columns[0],
        interprofessionalactivity__date__lte=today,
    ).values_list(
        "interprofessionalactivity_id", "interprofessionalactivity__date", "profession_id"
    )
    by_activity = defaultdict(lambda: [None, set()])
    for activity_id, date, profession_id in rows:
        by_activity[activity_id][0] = date
        by_activity[activity_id][1].add(profession_id)
    index = {(m.year, m.month): i for i, m in enumerate(columns)}
    counts = defaultdict(lambda: [0] * len(columns))
    profession_ids = set()
    for date, professions in by_activity.values():
        ordered = sorted(professions)
        profession_ids.update(ordered)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                counts[(a, b)][index[(date.year, date.month)]] += 1
    names = dict(Profession.objects.filter(pk__in=profession_ids).values_list("pk", "name"))
    result = []
    for pair, values in counts.items():
        peak = max(values) or 1
        step = 100 / max(len(values) - 1, 1)
        points = " ".join(f"{i * step:.1f},{28 - 26 * v / peak:.1f}" for i, v in enumerate(values))
        label = f"{names.get(pair[0], '?')} – {names.get(pair[1], '?')}"
        result.append(PairRow(pair, label, values, sum(values), points))
    result.sort(key=lambda r: (-r.total, r.label))
    return columns, result


# ---------------------------------------------------------------- home pages


@dataclass
class TeamLeaderHome:
    agreements_due: list
    missing: list  # (team, [topics])
    signals: list
    action_items: list
    cadences: list
    today: object


def team_leader_home(user) -> TeamLeaderHome:
    today = timezone.localdate()
    led = roles_of(user).teams_with(*LEADS)
    teams = [t for t in role_teams_of(user) if t.pk in led]  # shared with other sections
    team_ids = [t.pk for t in teams]
    by_id = {t.pk: t for t in teams}
    # One read for both: the active agreements due soon (the first ten are listed) and
    # those with a workfloor topic (which topics the team covers).
    soon = today + timedelta(days=DUE_SOON_DAYS)
    active = list(
        TeamAgreement.objects.filter(team_id__in=team_ids, status=AgreementStatus.ACTIVE)
        .filter(Q(review_date__lte=soon) | ~Q(topic=""))
        .only("uuid", "title", "review_date", "team_id", "topic")
        .order_by("review_date", "id")
    )
    due = [a for a in active if a.review_date <= soon][:10]
    for a in due:
        a.team = by_id[a.team_id]
    present = defaultdict(set)
    for a in active:
        if a.topic:
            present[a.team_id].add(a.topic)
    gaps = {tid: [t for t in WorkfloorTopic if t.value not in present[tid]] for tid in team_ids}
    signals = list(
        Signal.objects.filter(Q(team_id__in=team_ids) | Q(owner=user), **_org(user))
        .exclude(status=SignalStatus.RESOLVED)
        .select_related("team")
        .order_by("created_at", "id")[:10]
    )
    items = list(
        ActionItem.objects.filter(
            Q(meeting__team_id__in=team_ids) | Q(owner=user),
            **_org(user),
            status=ActionStatus.OPEN,
        )
        .select_related("owner", "meeting")
        .order_by("due_date", "id")[:10]
    )
    return TeamLeaderHome(
        agreements_due=due,
        missing=[(t, gaps[t.pk]) for t in teams if gaps[t.pk]],
        signals=signals,
        action_items=items,
        cadences=cadence_status(team_ids),
        today=today,
    )


@dataclass
class OrganisationHome:
    vision: object
    coverage: list  # (statement, covered count, team count)
    team_count: int
    signals: list


def organisation_home(user) -> OrganisationHome:
    vision = Vision.objects.filter(**_org(user), status=VisionStatus.PUBLISHED).first()
    # Only the counts of the coverage page, counted in the database: no team rows,
    # overdue or minimum reads.
    scope = teams_in_scope(user)
    team_count = scope.count()
    statements = list(published_statements(user))
    covered = dict(
        TeamAgreement.statements.through.objects.filter(
            teamagreement__team__in=scope,
            teamagreement__status=AgreementStatus.ACTIVE,
            visionstatement__lineage__in=[s.lineage for s in statements],
        )
        .values("visionstatement__lineage")
        .annotate(n=Count("teamagreement__team_id", distinct=True))
        .values_list("visionstatement__lineage", "n")
    )
    signals = list(
        Signal.objects.filter(**_org(user), level=SignalLevel.ORGANISATION)
        .exclude(status=SignalStatus.RESOLVED)
        .select_related("owner")
        .order_by("created_at", "id")[:10]
    )
    return OrganisationHome(
        vision=vision,
        coverage=[(s, covered.get(s.lineage, 0), team_count) for s in statements],
        team_count=team_count,
        signals=signals,
    )


def home_context(user, sections) -> dict:
    """What the team leader's and the organisation's home sections show of collaboration."""
    context = {}
    if "team_leader" in sections:
        context["collaboration_team"] = team_leader_home(user)
    if "organisation" in sections:
        context["collaboration_org"] = organisation_home(user)
    return context
