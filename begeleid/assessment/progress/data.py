"""The figures behind the progress pictures: a learner's level per competence over time,
the current profile beside the learner's own view (self-ratings), and a cohort's levels.

The level of one signed assessment is the mean of the scale values of its rubric scores.
Only signed decisions count, and a decision replaced by a signed correction does not.

Self-ratings are formative: the learner and their current supervisors see them all;
anyone else (a team trainer, an assessor, a committee member) only those of
self-assessments the learner released to them (``formative.queries.entries_visible_to``).
"""

import math
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    BigIntegerField,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone

from begeleid.core.compiled import PreparedQuery
from begeleid.formative.models import SelfRating
from begeleid.formative.queries import entries_visible_to
from begeleid.programmes.enums import EnrolmentStatus
from begeleid.programmes.models import Enrolment

from ..models import Assessment, Competence, ScaleLevel, Score

# Line colours with at least 4.5:1 contrast against white (WCAG 1.4.11 asks 3:1).
PALETTE = (
    "#1f5fa8",
    "#b3261e",
    "#2e6b30",
    "#6a3d9a",
    "#8a4b00",
    "#00695c",
    "#ad1457",
    "#37474f",
)
AXIS = "#595959"
GRID = "#d0d0d0"
# Self-ratings are on the entrustment scale: 1 observes … 5 supervises others.
SELF_TOP = 5
CURRENT_ENROLMENT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED)


def _counting():
    """Signed decisions that still stand (not replaced by a signed correction)."""
    return Assessment.objects.filter(signed_at__isnull=False, superseded_by__signed_at__isnull=True)


def _mean_score():
    return Subquery(
        Score.objects.filter(assessment_id=OuterRef("pk"))
        .values("assessment_id")
        .annotate(mean=Avg("level__value"))
        .values("mean")
    )


def _scale_top():
    return Subquery(
        ScaleLevel.objects.filter(scale_id=OuterRef("rubric_version__scale_id"))
        .order_by("-value")
        .values("value")[:1]
    )


def level_value(mean) -> float | None:
    """A level as shown and drawn: the mean score, two decimals at most."""
    return None if mean is None else round(float(mean), 2)


def level_text(value) -> str:
    return "" if value is None else f"{value:g}"


@dataclass
class Point:
    on: object  # date of the decision
    level: float
    top: int = 1  # highest value of the scale the decision was scored on


@dataclass
class Series:
    competence: object
    colour: str
    points: list = field(default_factory=list)

    @property
    def latest(self):
        return self.points[-1] if self.points else None


@dataclass
class Axis:
    """One competence of the profile: the assessors' latest level (on the scale of that
    decision) and the learner's latest self-rating (on the entrustment scale), either may
    be missing."""

    competence: object
    level: float | None
    top: int | None
    self_rating: object | None  # formative.SelfRating

    @property
    def self_level(self):
        return self.self_rating.level if self.self_rating else None

    @property
    def share(self):
        """The assessors' level as a share of its scale (0–1): the radar's radius."""
        return None if self.level is None else self.level / self.top

    @property
    def self_share(self):
        return None if self.self_rating is None else self.self_rating.level / SELF_TOP


@dataclass
class LearnerProgress:
    series: list  # Series per competence, framework order
    top: int  # highest value of the scales used (at least 1)
    self_ratings: dict = field(default_factory=dict)  # competence id -> latest SelfRating

    @property
    def profile(self):
        """(competence, latest level) per competence: the radar's points."""
        return [(s.competence, s.latest.level) for s in self.series if s.latest]

    @property
    def axes(self):
        """The radar's axes: every competence with an assessors' level, in framework order,
        with the self-rating beside it."""
        return [
            Axis(s.competence, s.latest.level, s.latest.top, self.self_ratings.get(s.competence.pk))
            for s in self.series
            if s.latest
        ]

    @property
    def self_only(self):
        """Self-rated competences the assessors have not decided on yet (table only)."""
        assessed = {s.competence.pk for s in self.series}
        rows = [r for key, r in self.self_ratings.items() if key not in assessed]
        rows.sort(key=lambda r: (r.competence.sequence, r.competence.code, r.competence.pk))
        return [Axis(r.competence, None, None, r) for r in rows]

    @property
    def rows(self):
        """The profile table: the axes, then the competences only the learner rated."""
        return self.axes + self.self_only

    @property
    def has_self_on_axes(self) -> bool:
        return any(a.self_rating for a in self.axes)

    @property
    def dates(self):
        return sorted({p.on for s in self.series for p in s.points})


class _Viewer:
    """The viewer as ``entries_visible_to`` reads a user (their id and organisation), with
    stand-ins for the values of a prepared read."""

    def __init__(self, pk, organisation_id):
        self.pk, self.organisation_id = pk, organisation_id


def _self_ratings(enrolment, viewer, organisation):
    visible = entries_visible_to(_Viewer(viewer, organisation)).values("pk")
    return (
        SelfRating.objects.filter(entry__enrolment_id=enrolment, entry__in=visible)
        .select_related("competence", "entry")
        .order_by("competence_id", "-entry__recorded_at", "-entry__uuid")
    )


def _decisions(enrolment):
    return (
        _counting()
        .filter(enrolment_id=enrolment)
        .annotate(
            mean=_mean_score(),
            top=_scale_top(),
            on=Coalesce("decided_at", "signed_at"),
        )
        .select_related("competence")
        .order_by("competence__sequence", "competence__code", "competence_id", "on", "id")
    )


# Built and compiled once per process (core.compiled), bound per request: building them
# cost the progress page most of its time. Which records a viewer may see depends on the
# day (assignments that hold today), which ``entries_visible_to`` reads from the clock:
# the self-ratings' read is compiled per day (``shape``).
_SELF_RATINGS = PreparedQuery(
    _self_ratings,
    shape=timezone.localdate,
    enrolment=BigIntegerField(),
    viewer=BigIntegerField(),
    organisation=BigIntegerField(),
)
_DECISIONS = PreparedQuery(_decisions, enrolment=BigIntegerField())


def self_ratings_for(enrolment, viewer) -> dict:
    """The learner's latest self-rating per competence that ``viewer`` may see (one query):
    {competence id: SelfRating}, with its entry and competence."""
    rows = _SELF_RATINGS(
        enrolment=enrolment.pk, viewer=viewer.pk, organisation=viewer.organisation_id
    )
    latest: dict = {}
    for rating in rows:
        latest.setdefault(rating.competence_id, rating)
    return latest


def learner_progress(enrolment, viewer=None) -> LearnerProgress:
    """One query: every standing signed decision of the enrolment with its mean level;
    with ``viewer``, a second for the self-ratings that viewer may see."""
    rows = _DECISIONS(enrolment=enrolment.pk)
    series: dict[int, Series] = {}
    top = 1
    for row in rows:
        if row.mean is None:
            continue
        top = max(top, row.top or 1, math.ceil(row.mean))
        entry = series.get(row.competence_id)
        if entry is None:
            colour = PALETTE[len(series) % len(PALETTE)]
            entry = series[row.competence_id] = Series(row.competence, colour)
        scale_top = max(row.top or 1, math.ceil(row.mean))
        entry.points.append(Point(row.on, level_value(row.mean), scale_top))
    ratings = self_ratings_for(enrolment, viewer) if viewer is not None else {}
    return LearnerProgress(list(series.values()), top, ratings)


@dataclass
class CohortRow:
    competence: object
    counts: list  # number of learners per level, levels 1..top
    total: int
    unassessed: int = 0  # current learners without a signed level on this competence

    @property
    def bars(self):
        return list(zip(range(1, len(self.counts) + 1), self.counts, strict=True))


@dataclass
class CohortProgress:
    rows: list
    top: int
    learners: int  # current enrolments in scope


def cohort_enrolments(programme, team_ids):
    return Enrolment.objects.filter(
        organisation_id=programme.organisation_id,
        version__programme=programme,
        team_id__in=list(team_ids),
        status__in=CURRENT_ENROLMENT_STATUSES,
    )


def cohort_progress(programme, team_ids) -> CohortProgress:
    """Per competence, how many learners stand at each (rounded) level. Counted in the
    database: three queries, whatever the number of learners."""
    enrolments = cohort_enrolments(programme, team_ids)
    latest = (
        _counting()
        .filter(enrolment_id=OuterRef("enrolment_id"), competence_id=OuterRef("competence_id"))
        .order_by("-signed_at", "-id")
        .values("pk")[:1]
    )
    standing = (
        _counting()
        .filter(enrolment__in=enrolments, pk=Subquery(latest))
        .annotate(level=Cast(Round(_mean_score()), IntegerField()), top=_scale_top())
        .filter(level__isnull=False)
    )
    counted = list(
        standing.values("competence_id", "level")
        .annotate(n=Count("id"), scale_top=Max("top"))
        .order_by()
    )
    top = max([1] + [r["level"] for r in counted] + [r["scale_top"] or 1 for r in counted])
    competences = Competence.objects.filter(pk__in={r["competence_id"] for r in counted}).order_by(
        "sequence", "code", "id"
    )
    learners = enrolments.aggregate(n=Count("learner_id", distinct=True))["n"]
    rows = []
    for competence in competences:
        counts = [0] * top
        for r in counted:
            if r["competence_id"] == competence.pk and r["level"] >= 1:
                counts[r["level"] - 1] += r["n"]
        rows.append(CohortRow(competence, counts, sum(counts), max(learners - sum(counts), 0)))
    return CohortProgress(rows, top, learners)
