"""Dates of a recurring guidance series (pure: no database).

A series recurs every ``interval_weeks`` weeks on one weekday, from its first date up to
and including its end date. Exceptions change single occurrences, keyed by the date the
occurrence would have had: skipped (no moment) or moved (a moment at another time).
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Occurrence:
    # The date the series rule gives; it identifies the occurrence even when moved.
    original_date: datetime.date
    starts_at: datetime.datetime
    moved: bool = False


def series_dates(
    *, first_date: datetime.date, until: datetime.date, weekday: int, interval_weeks: int
) -> list[datetime.date]:
    """Every date of the rule: the first ``weekday`` on or after ``first_date``, then
    every ``interval_weeks`` weeks, up to and including ``until``."""
    if interval_weeks < 1:
        raise ValueError("interval_weeks must be at least 1")
    if not 0 <= weekday <= 6:
        raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
    day = first_date + datetime.timedelta(days=(weekday - first_date.weekday()) % 7)
    step = datetime.timedelta(weeks=interval_weeks)
    dates = []
    while day <= until:
        dates.append(day)
        day += step
    return dates


def occurrences(
    *,
    first_date: datetime.date,
    until: datetime.date,
    weekday: int,
    interval_weeks: int,
    start_time: datetime.time,
    tz: datetime.tzinfo,
    skipped: frozenset | set = frozenset(),
    moved: dict | None = None,
) -> list[Occurrence]:
    """The occurrences after exceptions, in order of their (possibly moved) start.

    ``skipped``: original dates without a moment. ``moved``: original date → the aware
    datetime the occurrence moved to. Exceptions for dates the rule does not give are
    ignored (the rule changed after the exception was made).
    """
    moved = moved or {}
    result = []
    for day in series_dates(
        first_date=first_date, until=until, weekday=weekday, interval_weeks=interval_weeks
    ):
        if day in skipped:
            continue
        if day in moved:
            result.append(Occurrence(day, moved[day], moved=True))
        else:
            starts_at = datetime.datetime.combine(day, start_time, tzinfo=tz)
            result.append(Occurrence(day, starts_at))
    return sorted(result, key=lambda o: o.starts_at)
