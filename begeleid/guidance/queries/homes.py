"""The home page sections of guidance: the learner's, the supervisor's and the team's."""

import uuid as uuidlib
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DateField,
    DateTimeField,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.timezone import template_localtime

from begeleid.core.compiled import PreparedQuery
from begeleid.core.lists import CountedRows, list_date, uuid_url
from begeleid.organisations.queries import role_teams_of
from begeleid.programmes.enums import GUIDING_CAPACITIES, EnrolmentStatus, PhaseKind
from begeleid.programmes.models import Enrolment
from begeleid.programmes.queries import supervised_enrolments, trainer_team_ids, with_assignments

from ..enums import MomentStatus
from ..load import counters_with_subquery
from ..models import GuidanceMoment, MomentLearner, MomentParticipant
from .moments import joined_names, moments_to_record, split_names
from .monitor import summarise, with_summary_figures

# The columns the tables and summaries of the supervisor's and the team's lists read (the
# learner's own page reads whole rows): no timestamps, texts or codes nobody shows, so
# each row costs fewer values to convert and set.
_ROW_FIELDS = (
    "uuid",
    "organisation",
    "learner__full_name",
    "version",
    "team__name",
    "team__guidance_settings__balance_window_weeks",
    "team__guidance_settings__dominance_percent",
    "team__guidance_settings__max_supervisors",
    "team__guidance_settings__max_guidance_hours_per_week",
    "team__guidance_settings__max_open_requests",
    "start_date",
    "status",
    "current_phase__name",
)


def _enrolment_rows(queryset, guides=False):
    """Enrolment rows for summaries (with what the tables show and the team's settings);
    ``guides``: whole rows with their programme and assignments (one query more), for the
    learner's own page, which names them; otherwise only the columns lists show
    (``_ROW_FIELDS``)."""
    rows = queryset.select_related("learner", "team__guidance_settings", "current_phase")
    if guides:
        return with_assignments(rows.select_related("version__programme"))
    return rows.only(*_ROW_FIELDS)


def _figures_shape():
    """What a prepared read with summary figures compiles in besides its params: the
    open-request counters with a subquery form, and the team page size."""
    return (counters_with_subquery(), TEAM_PAGE_SIZE)


def _own_enrolments(organisation, learner, now, today, now_text):
    """The learner's active enrolments with their guides and summary figures."""
    rows = Enrolment.objects.filter(
        organisation_id=organisation, learner_id=learner, status=EnrolmentStatus.ACTIVE
    )
    return with_summary_figures(
        _enrolment_rows(rows, guides=True), now, today=today, now_text=now_text
    )


def _next_moments(organisation, person, now):
    """The next five planned moments the person takes part in (participant or learner),
    with who takes part. From the person's own moments, not by scanning the
    organisation's future moments for five of theirs."""
    mine = (
        MomentParticipant.objects.filter(person_id=person, organisation_id=organisation)
        .values("moment_id")
        .union(
            # Not filtered on its organisation column: SQLite then walks that index (every
            # learner row of the organisation); the learner's enrolments are in theirs.
            MomentLearner.objects.filter(enrolment__learner_id=person).values("moment_id")
        )
    )
    return (
        GuidanceMoment.objects.filter(pk__in=mine, starts_at__gte=now, status=MomentStatus.PLANNED)
        .annotate(
            participant_names=joined_names(MomentParticipant.objects.all(), "person__full_name")
        )
        .order_by("starts_at", "id")[:5]
    )


# The learner's home is the page learners open most: its two reads are built and
# compiled once per process (core.compiled), bound per request.
_OWN_ENROLMENTS = PreparedQuery(
    _own_enrolments,
    shape=_figures_shape,
    organisation=BigIntegerField(),
    learner=BigIntegerField(),
    now=DateTimeField(),
    today=DateField(),
    now_text=CharField(),
)
_NEXT_MOMENTS = PreparedQuery(
    _next_moments, organisation=BigIntegerField(), person=BigIntegerField(), now=DateTimeField()
)


def learner_home(user, now=None):
    now = now or timezone.now()
    enrolments = _OWN_ENROLMENTS(
        organisation=user.organisation_id,
        learner=user.pk,
        now=now,
        today=timezone.localdate(now),
        now_text=now.isoformat(),
    )
    # The home lists the next moments with who takes part (not the learners: that is me).
    upcoming = _NEXT_MOMENTS(organisation=user.organisation_id, person=user.pk, now=now)
    for moment in upcoming:
        moment.participant_list = split_names(moment.participant_names)
    return {"summaries": summarise(enrolments, now), "upcoming": upcoming}


def guided_enrolments(user, now=None):
    """Every enrolment the user guides now (any status), by learner: the supervisor home
    shows the active ones, the quick-feedback list those of others than the user.
    With ``now``: with the summary figures, read by a prepared read (a list)."""
    if now is not None:
        if not user.is_authenticated:
            return []
        return _GUIDED(
            organisation=user.organisation_id,
            person=user.pk,
            now=now,
            today=timezone.localdate(now),
            now_text=now.isoformat(),
        )
    rows = _enrolment_rows(supervised_enrolments(user, GUIDING_CAPACITIES))
    return rows.order_by("learner__full_name", "id")


class _Person:
    """Who a prepared read is for: its params standing in for the person."""

    is_authenticated = True

    def __init__(self, pk, organisation_id):
        self.pk, self.organisation_id = pk, organisation_id


def _guided(organisation, person, now, today, now_text):
    """``guided_enrolments(person, now)``: the enrolments guided on ``today``, with their
    summary figures."""
    guided = supervised_enrolments(_Person(person, organisation), GUIDING_CAPACITIES, today)
    rows = with_summary_figures(_enrolment_rows(guided), now, today=today, now_text=now_text)
    return rows.order_by("learner__full_name", "id")


def _to_record(organisation, person, now):
    """The first ten ``moments_to_record``, with the columns their list shows."""
    moments = moments_to_record(_Person(person, organisation), now)
    return moments.only("uuid", "title", "starts_at")[:10]


# The supervisor's part of the home (a supervisor's and a practice trainer's), built and
# compiled once per process (core.compiled), bound per request.
_GUIDED = PreparedQuery(
    _guided,
    shape=_figures_shape,
    organisation=BigIntegerField(),
    person=BigIntegerField(),
    now=DateTimeField(),
    today=DateField(),
    now_text=CharField(),
)
_TO_RECORD = PreparedQuery(
    _to_record, organisation=BigIntegerField(), person=BigIntegerField(), now=DateTimeField()
)


def supervisor_home(user, now=None, summaries=None):
    now = now or timezone.now()
    if summaries is None:
        enrolments = [e for e in guided_enrolments(user) if e.status == EnrolmentStatus.ACTIVE]
        summaries = summarise(enrolments, now)
    to_record = _TO_RECORD(organisation=user.organisation_id, person=user.pk, now=now)
    for moment in to_record:
        moment.learner_list = split_names(moment.learner_names)
    return {"summaries": summaries, "to_record": to_record}


TEAM_PAGE_SIZE = 25


def team_enrolments(user, *, team_uuid="", phase_kind="", query=""):
    enrolments = Enrolment.objects.filter(
        organisation_id=user.organisation_id,
        team_id__in=trainer_team_ids(user),
        status=EnrolmentStatus.ACTIVE,
    )
    if team_uuid:
        enrolments = enrolments.filter(team__uuid=team_uuid)
    if phase_kind:
        enrolments = enrolments.filter(current_phase__kind=phase_kind)
    if query:
        enrolments = enrolments.filter(learner__full_name__icontains=query)
    return _enrolment_rows(enrolments).order_by("team__name", "learner__full_name", "id")


def summary_rows(summaries, team=False) -> list[dict]:
    """What a learner table (``guidance/home/learner_table.html``) shows of each summary,
    as plain values: the link, the names, the dates as the list draws them (``list_date``
    in local time, "–" for none), the signals (balance warnings, then load breaches, as
    (badge kind, message)); ``team``: with the team and the load (the team's table).
    The template resolves a row's values as dictionary keys, the engine's cheapest
    lookup, instead of walking each summary's objects for every cell."""
    rows = []
    for summary in summaries:
        e = summary.enrolment
        row = {
            "url": uuid_url("guidance:enrolment_guidance", e.uuid),
            "name": e.learner.full_name,
            "phase": e.current_phase.name,
            "last": list_date(template_localtime(summary.last_moment), "j M") or "–",
            "next": list_date(template_localtime(summary.next_moment), "j M H:i") or "–",
            "signals": [("warn", w.message) for w in summary.balance.warnings]
            + [("danger", b.message) for b in summary.load.breaches],
        }
        if team:
            row["team"] = e.team.name
            row["load"] = summary.load.label
        rows.append(row)
    return rows


def _is_uuid(value: str) -> bool:
    try:
        uuidlib.UUID(value)
    except ValueError:
        return False
    return True


def _row_count(rows):
    """The number of ``rows``, as an uncorrelated subquery (computed once)."""
    return rows.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk")).values("n")


def _page_with_count(rows, counted, number, per_page):
    """One page of ``rows`` with the number of rows of ``counted`` (the same rows, without
    their figures) read in the same query, as an uncorrelated subquery computed once: the
    paginator makes no COUNT query of its own. Pages past the end and unreadable numbers
    go through the paginator as usual."""
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 0
    if wanted < 1:
        return Paginator(rows, per_page).get_page(number)
    count = _row_count(counted)
    offset = (wanted - 1) * per_page
    page_rows = list(rows.annotate(rows_in_list=Subquery(count))[offset : offset + per_page])
    if not page_rows and wanted > 1:
        return Paginator(rows, per_page).get_page(number)
    total = page_rows[0].rows_in_list if page_rows else 0
    return Paginator(CountedRows(page_rows, offset, total), per_page).get_page(wanted)


def _team_first_page(organisation, teams, now, today, now_text):
    """The first page of ``team_enrolments`` without filters, with the summary figures and
    the number of rows in the list (as ``_page_with_count`` reads it)."""
    active = Enrolment.objects.filter(
        organisation_id=organisation, team_id__in=teams, status=EnrolmentStatus.ACTIVE
    )
    rows = _enrolment_rows(active).order_by("team__name", "learner__full_name", "id")
    return with_summary_figures(rows, now, today=today, now_text=now_text).annotate(
        rows_in_list=Subquery(_row_count(active))
    )[:TEAM_PAGE_SIZE]


# The team table's first page without filters is what a practice trainer or team leader
# sees on opening the home: built and compiled once per process (core.compiled), bound
# per request. Filters and further pages are read by _page_with_count.
_TEAM_FIRST_PAGE = PreparedQuery(
    _team_first_page,
    shape=_figures_shape,
    organisation=BigIntegerField(),
    teams=[BigIntegerField()],
    now=DateTimeField(),
    today=DateField(),
    now_text=CharField(),
)


def _first_page(user, now):
    rows = _TEAM_FIRST_PAGE(
        organisation=user.organisation_id,
        teams=sorted(trainer_team_ids(user)),
        now=now,
        today=timezone.localdate(now),
        now_text=now.isoformat(),
    )
    total = rows[0].rows_in_list if rows else 0
    return Paginator(CountedRows(rows, 0, total), TEAM_PAGE_SIZE).get_page(1)


def _summarise_together(groups, now):
    """One ``summarise`` for several lists of enrolments: the summaries per list."""
    unique = {}
    for group in groups:
        for e in group:
            unique.setdefault(e.pk, e)
    by_pk = {s.enrolment.pk: s for s in summarise(unique.values(), now)}
    return [[by_pk[e.pk] for e in group] for group in groups]


def team_home(user, params, now=None, also=None):
    """Filtered enrolments of the user's teams, one page, with their warnings.

    ``also``: more enrolments to summarise in the same queries (the practice trainer's own
    learners); their summaries come back as ``also``."""
    now = now or timezone.now()
    also = list(also or [])
    filters = {
        "team_uuid": params.get("team", ""),
        "phase_kind": params.get("phase", ""),
        "query": params.get("q", "").strip(),
    }
    if not _is_uuid(filters["team_uuid"]):
        filters["team_uuid"] = ""
    if params.get("warnings"):
        # Warnings are computed, not stored: summarise the whole (filtered) team list in a
        # fixed number of queries, then page through the enrolments that have a warning.
        enrolments = with_summary_figures(team_enrolments(user, **filters), now)
        every, also_summaries = _summarise_together([list(enrolments), also], now)
        flagged = [s for s in every if s.warning_count]
        page = Paginator(flagged, TEAM_PAGE_SIZE).get_page(params.get("page"))
        summaries = list(page.object_list)
    else:
        if any(filters.values()) or params.get("page", "1") not in ("", "1"):
            filtered = team_enrolments(user, **filters)
            enrolments = with_summary_figures(filtered, now)
            page = _page_with_count(enrolments, filtered, params.get("page"), TEAM_PAGE_SIZE)
        else:
            page = _first_page(user, now)
        summaries, also_summaries = _summarise_together([list(page.object_list), also], now)
    trained = trainer_team_ids(user)
    teams = [t for t in role_teams_of(user) if t.pk in trained]
    return {
        "page": page,
        "summaries": summaries,
        "rows": summary_rows(summaries, team=True),
        "teams": teams,
        "filters": filters,
        "phase_kinds": PhaseKind.choices,
        "also": also_summaries,
        "warnings_only": bool(params.get("warnings")),
        "query_string": urlencode(
            {
                k: v
                for k, v in {
                    "team": filters["team_uuid"],
                    "phase": filters["phase_kind"],
                    "q": filters["query"],
                    "warnings": "1" if params.get("warnings") else "",
                }.items()
                if v
            }
        ),
    }


def home_context(user, sections, params) -> dict:
    """What the home page sections of this app need, only for the sections shown."""
    now = timezone.now()
    context = {}
    if "learner" in sections:
        context["guidance_learner"] = learner_home(user, now)
    supervising = "supervisor" in sections or "practice_trainer" in sections
    guided = guided_enrolments(user, now) if supervising else []
    active = [e for e in guided if e.status == EnrolmentStatus.ACTIVE]
    if "supervisor" in sections:
        # The formative quick-feedback list is drawn from the same rows.
        context["guided_enrolments"] = guided
    summaries = None
    if "practice_trainer" in sections or "team_leader" in sections:
        # The practice trainer's own learners are summarised with the team page.
        context["guidance_team"] = team_home(user, params, now, also=active)
        summaries = context["guidance_team"].pop("also")
    if supervising:
        if summaries is None:
            summaries = summarise(active, now)
        context["guidance_supervisor"] = supervisor_home(user, now, summaries)
        if "supervisor" in sections:
            # The table of my learners (a practice trainer's home without the supervisor
            # section shows only the moments to record).
            context["guidance_supervisor"]["rows"] = summary_rows(summaries)
    return context
