"""Learner load and supervisor capacity: pure rules on numbers gathered by queries.py.

Open feedback requests belong to the formative app, which sits above guidance in the
layering and so cannot be imported here. It plugs its count in instead: in its
``AppConfig.ready()`` it calls ``register_open_request_counter(func)`` with a function
``func(learner_ids) -> {learner_id: open_requests}`` answering in a fixed number of
queries. Without such an app installed, nobody has open requests (0), which is the truth:
there is nowhere to request feedback yet. A counter may come with its subquery form,
``subquery(learner_ref) -> expression``, so that lists read the count with their
enrolment rows (``queries.with_summary_figures``) instead of in a query of its own.
(``subquery(learner_ref, now)``: open at ``now``.)
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

OpenRequestCounter = Callable[[list[int]], dict[int, int]]
_open_request_counters: list[OpenRequestCounter] = []
_open_request_subqueries: dict[OpenRequestCounter, Callable] = {}


def register_open_request_counter(counter: OpenRequestCounter, subquery=None) -> None:
    if counter not in _open_request_counters:
        _open_request_counters.append(counter)
    if subquery is not None:
        _open_request_subqueries[counter] = subquery


def unregister_open_request_counter(counter: OpenRequestCounter) -> None:
    if counter in _open_request_counters:
        _open_request_counters.remove(counter)
    _open_request_subqueries.pop(counter, None)


def counters_with_subquery() -> tuple:
    """The registered counters that have a subquery form."""
    return tuple(c for c in _open_request_counters if c in _open_request_subqueries)


def open_request_subqueries(learner_ref, now) -> tuple[list, tuple]:
    """The subquery forms of the counters that have one (expressions for the learner
    ``learner_ref``, open at ``now``), and those counters."""
    covered = counters_with_subquery()
    return [_open_request_subqueries[c](learner_ref, now) for c in covered], covered


def open_requests_by_learner(learner_ids: Iterable[int], skip=()) -> dict[int, int]:
    """Open requests per learner id, summed over every registered counter (0 if none)
    except the counters in ``skip`` (already read with the rows)."""
    ids = list(learner_ids)
    totals = dict.fromkeys(ids, 0)
    for counter in _open_request_counters:
        if counter in skip:
            continue
        for learner_id, count in counter(ids).items():
            if learner_id in totals:
                totals[learner_id] += count
    return totals


@dataclass(frozen=True)
class LoadThresholds:
    max_supervisors: int
    max_hours_per_week: int
    max_open_requests: int


@dataclass(frozen=True)
class LoadBreach:
    kind: str  # "supervisors", "hours" or "requests"
    value: float
    limit: int
    message: str


@dataclass
class Load:
    supervisors: int
    hours_per_week: float
    open_requests: int
    breaches: list[LoadBreach] = field(default_factory=list)

    @property
    def over(self) -> bool:
        return bool(self.breaches)

    @property
    def label(self) -> str:
        """ "2 begeleiders · 1,5 uur/week", as the team table shows it."""
        return _("%(s)s begeleiders · %(h)s uur/week") % {
            "s": self.supervisors,
            "h": floatformat(self.hours_per_week, "-1"),
        }


def hours_label(hours: float) -> str:
    return str(int(hours)) if float(hours).is_integer() else f"{hours:.1f}".replace(".", ",")


def compute_load(
    *, supervisors: int, hours_per_week: float, open_requests: int, thresholds: LoadThresholds
) -> Load:
    """A breach is a value strictly above its limit: the limit itself is allowed."""
    load = Load(supervisors, hours_per_week, open_requests)
    if supervisors > thresholds.max_supervisors:
        load.breaches.append(
            LoadBreach(
                "supervisors",
                supervisors,
                thresholds.max_supervisors,
                _("%(n)s begeleiders tegelijk, boven de grens van %(limit)s.")
                % {"n": supervisors, "limit": thresholds.max_supervisors},
            )
        )
    if hours_per_week > thresholds.max_hours_per_week:
        load.breaches.append(
            LoadBreach(
                "hours",
                hours_per_week,
                thresholds.max_hours_per_week,
                _("%(n)s uur begeleiding per week, boven de grens van %(limit)s.")
                % {"n": hours_label(hours_per_week), "limit": thresholds.max_hours_per_week},
            )
        )
    if open_requests > thresholds.max_open_requests:
        load.breaches.append(
            LoadBreach(
                "requests",
                open_requests,
                thresholds.max_open_requests,
                _("%(n)s openstaande verzoeken, boven de grens van %(limit)s.")
                % {"n": open_requests, "limit": thresholds.max_open_requests},
            )
        )
    return load


def planning_hours_warning(
    *, learner_name: str, minutes_that_week: int, new_minutes: int, limit_hours: int
) -> str | None:
    """The warning before saving a plan that takes a learner above the weekly limit."""
    hours = (minutes_that_week + new_minutes) / 60
    if hours <= limit_hours:
        return None
    return _("Dit brengt %(name)s op %(hours)s uur begeleiding die week, boven %(limit)s.") % {
        "name": learner_name,
        "hours": hours_label(hours),
        "limit": limit_hours,
    }


@dataclass(frozen=True)
class Capacity:
    reserved_hours: Decimal
    used_hours: float

    @property
    def room_hours(self) -> float:
        return float(self.reserved_hours) - self.used_hours

    @property
    def status(self) -> str:
        """ "none" (no agreement), "over", "full" or "room"."""
        if not self.reserved_hours:
            return "over" if self.used_hours > 0 else "none"
        if self.used_hours > float(self.reserved_hours):
            return "over"
        if self.used_hours == float(self.reserved_hours):
            return "full"
        return "room"
