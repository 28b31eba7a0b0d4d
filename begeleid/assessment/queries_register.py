"""Reads of the competence register: who may see which declarations, the register's pages
with the frequency rule of each declaration, and a team's matrix of who may do what today.
``queries`` re-exports them."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    BigIntegerField,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from begeleid.core.compiled import PreparedQuery
from begeleid.frameworks.enums import FrameworkStatus
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import roles_of

from .enums import DeclarationStatus
from .models import AssessmentPolicy, Competence, CompetenceDeclaration, ProcedurePerformance
from .models.register import declaration_status

REGISTER_ORGANISATION_ROLES = (Role.HR, Role.MANAGER, Role.ADMIN)
REGISTER_TEAM_ROLES = (
    Role.SUPERVISOR,
    Role.SPECIALIST,
    Role.PRACTICE_TRAINER,
    Role.ASSESSOR,
    Role.TEAM_LEADER,
    Role.COORDINATOR,
)
REGISTER_OVERSIGHT_TEAM_ROLES = (Role.PRACTICE_TRAINER, Role.TEAM_LEADER, Role.COORDINATOR)
REGISTER_ORDER = ("person__full_name", "competence__code", "-valid_from", "id")
REGISTER_PAGE_SIZE = 50
# A row of the register's page, read as values: what it shows (the person's name, the
# competence, the dates, the status derived from the dates, the revocation and the
# replacement) and what its frequency is read with.
_REGISTER_ROW_VALUES = (
    "pk",
    "person_id",
    "competence_id",
    "decision_id",
    "valid_from",
    "valid_until",
    "revoked_at",
    "superseded_by_id",
    "person_name",
    "competence_code",
    "competence_title",
)


def _today():
    return timezone.localdate()


def _visible_declarations(user):
    """(the declarations the user may see, unordered; whether they are the organisation's)."""
    declarations = CompetenceDeclaration.objects.filter(organisation_id=user.organisation_id)
    roles = roles_of(user)
    if roles.organisation & set(REGISTER_ORGANISATION_ROLES):
        return declarations, True
    teams = roles.teams_with(*REGISTER_OVERSIGHT_TEAM_ROLES)
    members = Membership.objects.active_on(_today()).filter(team_id__in=teams)
    own_or_members = Q(person_id=user.pk) | Q(person_id__in=members.values("person_id"))
    return declarations.filter(own_or_members), False


def declarations_for(user):
    """Own declarations; those of the people in teams the user trains or leads; all for
    HR, managers and administrators."""
    declarations, _whole = _visible_declarations(user)
    return declarations.select_related("person", "competence__framework", "decision").order_by(
        *REGISTER_ORDER
    )


def _register_rows(declarations):
    return (
        declarations.annotate(
            person_name=F("person__full_name"),
            competence_code=F("competence__code"),
            competence_title=F("competence__title"),
        )
        .order_by(*REGISTER_ORDER)
        .values(*_REGISTER_ROW_VALUES)
    )


def _organisation_register(organisation):
    """The organisation's declarations, read in name order from the people's
    ``(organisation, full_name)`` index: a page stops after its rows instead of sorting
    every declaration of the organisation, which SQLite's planner does when it can start
    from the declarations' own organisation index. A declaration belongs to its person's
    organisation (``services.register``), so scoping both selects the same rows; "+ 0"
    only keeps the planner off the declarations' index."""
    tenant = ExpressionWrapper(F("organisation_id") + 0, output_field=BigIntegerField())
    return CompetenceDeclaration.objects.alias(tenant=tenant).filter(
        tenant=organisation, person__organisation_id=organisation
    )


def _row_count(rows):
    """The number of ``rows``, as an uncorrelated subquery (computed once)."""
    return rows.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk")).values("n")


def _register_first_page(organisation):
    counted = CompetenceDeclaration.objects.filter(organisation_id=organisation)
    return _register_rows(_organisation_register(organisation)).annotate(
        rows_in_register=Subquery(_row_count(counted))
    )[:REGISTER_PAGE_SIZE]


# The organisation's first page is the register as HR opens it: built and compiled once
# per process (core.compiled), with its count, bound per request.
_REGISTER_FIRST_PAGE = PreparedQuery(_register_first_page, organisation=BigIntegerField())


class _CountedPaginator(Paginator):
    """A paginator told its count: a number read with the rows, or a function to call once."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count() if callable(self._count) else self._count


def register_page(user, number, day=None) -> Page:
    """Page ``number`` of ``declarations_for(user)`` (any number, as ``get_page`` takes it)
    as the register's page shows it. Each row is a dict of ``_REGISTER_ROW_VALUES`` with
    ``competence`` (its name), ``status`` on ``day`` (today), ``status_label`` and
    ``frequency`` (``frequency_by_declaration``). The organisation's first page is one read
    with its count, any other page a count and a read; then the frequency's reads."""
    day = day or _today()
    declarations, whole = _visible_declarations(user)
    if whole and number in (None, "", "1"):
        rows = _REGISTER_FIRST_PAGE(organisation=user.organisation_id)
        count = rows[0]["rows_in_register"] if rows else 0
        page = _CountedPaginator(rows, REGISTER_PAGE_SIZE, count).page(1)
    else:
        rows = _register_rows(
            _organisation_register(user.organisation_id) if whole else declarations
        )
        page = _CountedPaginator(rows, REGISTER_PAGE_SIZE, declarations.count).get_page(number)
        page.object_list = list(page.object_list)
    _describe(page.object_list, day)
    return page


def _describe(rows, day):
    names = {}
    for row in rows:
        row["status"] = status = declaration_status(
            row["valid_from"], row["valid_until"], row["revoked_at"], row["superseded_by_id"], day
        )
        row["status_label"] = status.label
        name = names.get(row["competence_id"])
        if name is None:
            # The competence's name as str(competence) gives it (frameworks.models).
            name = f"{row['competence_code']} {row['competence_title']}".strip()
            names[row["competence_id"]] = name
        row["competence"] = name
    standing = [
        (row["pk"], row["decision_id"], row["person_id"], row["competence_id"])
        for row in rows
        if row["decision_id"] and row["status"] in _STANDING
    ]
    frequency = _frequency_of_standing(standing, day)
    for row in rows:
        row["frequency"] = frequency.get(row["pk"])


@dataclass(frozen=True)
class FrequencyStatus:
    """Whether the frequency rule is met: ``count`` confirmed performances in the window."""

    met: bool
    count: int
    required: int
    months: int

    @property
    def message(self) -> str:
        months = ngettext(
            "in de afgelopen %(months)s maand", "in de afgelopen %(months)s maanden", self.months
        ) % {"months": self.months}
        times = ngettext("%(n)s keer", "%(n)s keer", self.count) % {"n": self.count}
        if self.met:
            return _("Frequentie gehaald: %(times)s %(months)s") % {
                "times": times,
                "months": months,
            }
        return _("Frequentie niet gehaald: %(count)s van de %(required)s keer %(months)s") % {
            "count": self.count,
            "required": self.required,
            "months": months,
        }


def _has_rule(policy) -> bool:
    return bool(policy and policy.min_performances and policy.per_months)


def _window_start(policy, day):
    from .services.register import add_months

    return add_months(day, -policy.per_months)


def frequency_status(person, competence, policy, day=None) -> FrequencyStatus | None:
    """Met or not: at least ``min_performances`` CONFIRMED performances of ``competence``
    by ``person`` in the last ``per_months`` months up to ``day``. None without a rule."""
    if not _has_rule(policy):
        return None
    day = day or _today()
    count = ProcedurePerformance.objects.filter(
        person=person,
        competence=competence,
        confirmed_at__isnull=False,
        performed_on__gt=_window_start(policy, day),
        performed_on__lte=day,
    ).count()
    return FrequencyStatus(
        count >= policy.min_performances, count, policy.min_performances, policy.per_months
    )


_DECISION_PATH = "programme__versions__enrolments__assessments__pk"
# The register's page reads these two for its rows: built and compiled once per process
# (core.compiled), bound per request.
_POLICIES_OF_DECISIONS = PreparedQuery(
    lambda decisions: AssessmentPolicy.objects.filter(
        **{f"{_DECISION_PATH}__in": decisions},
        min_performances__isnull=False,
        per_months__isnull=False,
    ).annotate(decision_pk=F(_DECISION_PATH)),
    decisions=[BigIntegerField()],
)
_CONFIRMED_PERFORMANCES = PreparedQuery(
    lambda people, competences, since, day: ProcedurePerformance.objects.filter(
        person_id__in=people,
        competence_id__in=competences,
        confirmed_at__isnull=False,
        performed_on__gt=since,
        performed_on__lte=day,
    ).values_list("person_id", "competence_id", "performed_on"),
    people=[BigIntegerField()],
    competences=[BigIntegerField()],
    since=DateField(),
    day=DateField(),
)


_STANDING = (DeclarationStatus.VALID, DeclarationStatus.EXPIRING)


def frequency_by_declaration(declarations, day=None) -> dict:
    """{declaration id: FrequencyStatus} for the valid declarations among ``declarations``
    whose decision's programme has a frequency rule. At most two queries, whatever the
    number of declarations."""
    day = day or _today()
    standing = [
        (d.pk, d.decision_id, d.person_id, d.competence_id)
        for d in declarations
        if d.decision_id and d.status_on(day) in _STANDING
    ]
    return _frequency_of_standing(standing, day)


def _frequency_of_standing(standing, day) -> dict:
    """``frequency_by_declaration`` of ``standing``: (id, decision id, person id, competence
    id) of declarations valid on ``day`` that came from a decision."""
    if not standing:
        return {}
    policies = {
        p.decision_pk: p for p in _POLICIES_OF_DECISIONS(decisions=sorted({s[1] for s in standing}))
    }
    ruled = [
        (pk, person, competence, policies[decision])
        for pk, decision, person, competence in standing
        if decision in policies
    ]
    if not ruled:
        return {}
    starts = {pk: _window_start(p, day) for pk, _person, _competence, p in ruled}
    done = _CONFIRMED_PERFORMANCES(
        people=sorted({r[1] for r in ruled}),
        competences=sorted({r[2] for r in ruled}),
        since=min(starts.values()),
        day=day,
    )
    # The people and competences cross: group the dates per pair once, rather than scan
    # every performance read for every declaration.
    dates = defaultdict(list)
    for person_id, competence_id, on in done:
        dates[person_id, competence_id].append(on)
    result = {}
    for pk, person, competence, p in ruled:
        count = sum(1 for on in dates[person, competence] if on > starts[pk])
        result[pk] = FrequencyStatus(
            count >= p.min_performances, count, p.min_performances, p.per_months
        )
    return result


def _team_people(team, day):
    members = Membership.objects.active_on(day).filter(team_id=team).values("person_id")
    return (
        get_user_model()
        .objects.filter(pk__in=members, is_active=True)
        .only("full_name")
        .order_by("full_name", "id")
    )


def _matrix_competences(organisation):
    return (
        Competence.objects.filter(
            organisation_id=organisation, framework__status=FrameworkStatus.PUBLISHED
        )
        .filter(Q(is_reserved=True) | Q(is_risky=True))
        .only("code", "title")
        .order_by("framework__title", "code", "title")
    )


def _matrix_cells(people, competences, day):
    # Of two declarations valid the same day for the same person and competence, the one
    # that started first is shown (read last: the register's order within a pair).
    return (
        CompetenceDeclaration.objects.valid_on(day)
        .filter(person_id__in=people, competence_id__in=competences)
        .only(
            "person_id",
            "competence_id",
            "valid_from",
            "valid_until",
            "revoked_at",
            "superseded_by_id",
        )
        .order_by("-valid_from", "-id")
    )


# Built and compiled once per process (core.compiled), bound per request.
_TEAM_PEOPLE = PreparedQuery(_team_people, team=BigIntegerField(), day=DateField())
_MATRIX_COMPETENCES = PreparedQuery(_matrix_competences, organisation=BigIntegerField())
_MATRIX_CELLS = PreparedQuery(
    _matrix_cells, people=[BigIntegerField()], competences=[BigIntegerField()], day=DateField()
)


def team_matrix(team, day):
    """Who in ``team`` may do which reserved or risky procedure on ``day``.

    Returns (people, competences, cells) where cells[(person_id, competence_id)] is the
    declaration valid that day (with its derived status), in a fixed number of queries.
    People come with their name only, competences with their code and title, declarations
    with the fields of their status.
    """
    people = _TEAM_PEOPLE(team=team.pk, day=day)
    competences = _MATRIX_COMPETENCES(organisation=team.organisation_id)
    cells = {
        (d.person_id, d.competence_id): d
        for d in _MATRIX_CELLS(
            people=[p.pk for p in people], competences=[c.pk for c in competences], day=day
        )
    }
    return people, competences, cells
