"""The pure computations: recurrence, iCalendar output, balance and load rules."""

import datetime
from decimal import Decimal

import icalendar
import pytest

from begeleid.guidance.balance import compute_balance
from begeleid.guidance.ical import TIMEZONE, CalendarEvent, calendar_bytes
from begeleid.guidance.load import (
    Capacity,
    LoadThresholds,
    compute_load,
    open_requests_by_learner,
    planning_hours_warning,
    register_open_request_counter,
    unregister_open_request_counter,
)
from begeleid.guidance.recurrence import occurrences, series_dates

LABELS = {
    "instruction": "instructie/training",
    "coaching_on_the_job": "coaching-on-the-job",
    "shadow_day": "meeloopdag",
    "reflection": "reflectiegesprek",
    "intervision": "intervisie",
}


def strict_parse(data: bytes):
    """Parse with icalendar, failing on any property error (events are lenient by default)."""
    original = icalendar.Event.ignore_exceptions
    icalendar.Event.ignore_exceptions = False
    try:
        calendar = icalendar.Calendar.from_ical(data)
    finally:
        icalendar.Event.ignore_exceptions = original
    assert [c.errors for c in calendar.walk() if c.errors] == []
    return calendar


def assert_rfc5545_lines(data: bytes):
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75


# Recurrence


def test_series_dates_weekly_start_on_the_weekday_on_or_after_the_first_date():
    dates = series_dates(
        first_date=datetime.date(2026, 3, 4),  # a Wednesday
        until=datetime.date(2026, 3, 31),
        weekday=0,
        interval_weeks=1,
    )
    assert dates == [
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 16),
        datetime.date(2026, 3, 23),
        datetime.date(2026, 3, 30),
    ]


def test_series_dates_every_two_weeks_include_the_end_date():
    dates = series_dates(
        first_date=datetime.date(2026, 3, 2),
        until=datetime.date(2026, 3, 30),
        weekday=0,
        interval_weeks=2,
    )
    assert dates == [
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 16),
        datetime.date(2026, 3, 30),
    ]


def test_occurrences_skip_and_move_single_dates_and_keep_local_time_over_dst():
    moved_to = datetime.datetime(2026, 3, 20, 14, 0, tzinfo=TIMEZONE)
    result = occurrences(
        first_date=datetime.date(2026, 3, 16),
        until=datetime.date(2026, 4, 6),
        weekday=0,
        interval_weeks=1,
        start_time=datetime.time(9, 30),
        tz=TIMEZONE,
        skipped={datetime.date(2026, 3, 30)},
        moved={datetime.date(2026, 3, 23): moved_to, datetime.date(2026, 3, 24): moved_to},
    )
    assert [(o.original_date, o.starts_at, o.moved) for o in result] == [
        (datetime.date(2026, 3, 16), datetime.datetime(2026, 3, 16, 9, 30, tzinfo=TIMEZONE), False),
        (datetime.date(2026, 3, 23), moved_to, True),
        (datetime.date(2026, 4, 6), datetime.datetime(2026, 4, 6, 9, 30, tzinfo=TIMEZONE), False),
    ]
    assert result[-1].starts_at.utcoffset() == datetime.timedelta(hours=2)


def test_series_dates_reject_a_zero_interval():
    with pytest.raises(ValueError):
        series_dates(
            first_date=datetime.date(2026, 1, 1),
            until=datetime.date(2026, 2, 1),
            weekday=0,
            interval_weeks=0,
        )


# iCalendar


def _event(uid="a@begeleid", **kwargs):
    start = datetime.datetime(2026, 3, 29, 9, 0, tzinfo=TIMEZONE)
    defaults = {
        "summary": "Reflectiegesprek",
        "start": start,
        "end": start + datetime.timedelta(minutes=45),
    }
    defaults.update(kwargs)
    return CalendarEvent(uid=uid, **defaults)


def test_calendar_bytes_are_valid_rfc5545_with_timezone_escaping_and_folding():
    stamp = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
    long_title = "Reflectie; over de overdracht, met " + "veel woorden " * 10
    data = calendar_bytes(
        [
            _event(summary=long_title, location="Kamer 3, gang B", description="regel 1\nregel 2"),
            _event(uid="b@begeleid", cancelled=True),
        ],
        name="Begeleiding van Bea",
        stamp=stamp,
    )
    assert_rfc5545_lines(data)
    assert b"SUMMARY:Reflectie\\; over de overdracht\\, met veel" in data
    assert b"LOCATION:Kamer 3\\, gang B" in data
    assert b"DESCRIPTION:regel 1\\nregel 2" in data
    assert b"DTSTART;TZID=Europe/Amsterdam:20260329T090000" in data
    assert b"DTEND;TZID=Europe/Amsterdam:20260329T094500" in data
    assert b"DTSTAMP:20260301T120000Z" in data
    calendar = strict_parse(data)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Amsterdam"
    first, second = calendar.events
    assert str(first["UID"]) == "a@begeleid"
    assert first["SUMMARY"] == long_title
    assert first.start == datetime.datetime(2026, 3, 29, 9, 0, tzinfo=TIMEZONE)
    assert first.start.utcoffset() == datetime.timedelta(hours=2)
    assert first["STATUS"] == "CONFIRMED"
    assert second["STATUS"] == "CANCELLED"


def test_calendar_bytes_without_events_still_name_the_timezone():
    data = calendar_bytes([], name="Leeg", stamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    calendar = strict_parse(data)
    assert calendar.events == []
    assert len(calendar.walk("VTIMEZONE")) == 1


# Balance


def test_balance_warns_for_a_recommended_form_without_moments_and_a_dominant_form():
    balance = compute_balance(
        counts={"instruction": (2, 4)},
        targets={"instruction": 2, "reflection": 1},
        labels=LABELS,
        window_days=42,
        dominance_percent=70,
    )
    assert [(r.form, r.planned, r.held, r.recommended) for r in balance.rows] == [
        ("instruction", 2, 4, 3.0),
        ("reflection", 0, 0, 1.5),
    ]
    assert [(w.kind, w.form) for w in balance.warnings] == [
        ("missing", "reflection"),
        ("dominant", "instruction"),
    ]
    assert balance.warnings[0].message == (
        "Geen reflectiegesprek in de afgelopen 6 weken, terwijl de fase er ongeveer 1,5 aanraadt."
    )
    assert balance.warnings[1].message == (
        "Instructie/training is 100% van alle begeleiding in de afgelopen 6 weken (grens 70%)."
    )


def test_balance_accepts_a_mix_at_the_dominance_limit():
    balance = compute_balance(
        counts={"instruction": (0, 7), "reflection": (1, 2)},
        targets={"instruction": 2, "reflection": 1},
        labels=LABELS,
        window_days=42,
        dominance_percent=70,
    )
    assert balance.warnings == []


def test_balance_is_silent_in_a_short_window_and_with_few_moments():
    balance = compute_balance(
        counts={"instruction": (1, 1)},
        targets={"instruction": 2, "reflection": 1},
        labels=LABELS,
        window_days=10,
        dominance_percent=70,
    )
    assert balance.warnings == []


def test_balance_chart_scales_to_the_largest_value():
    balance = compute_balance(
        counts={"instruction": (2, 2), "reflection": (0, 1)},
        targets={"instruction": 2, "reflection": 4},
        labels=LABELS,
        window_days=28,
        dominance_percent=70,
    )
    instruction, reflection = balance.chart
    assert (instruction.held_width, instruction.planned_width) == (81, 81)
    assert instruction.target_x == 150 + 81
    assert (reflection.held_width, reflection.planned_width, reflection.target_x) == (40, 0, 312)


# Load and capacity

THRESHOLDS = LoadThresholds(max_supervisors=4, max_hours_per_week=6, max_open_requests=5)


def test_load_at_the_limits_is_no_breach():
    load = compute_load(supervisors=4, hours_per_week=6, open_requests=5, thresholds=THRESHOLDS)
    assert load.breaches == []
    assert not load.over


def test_load_above_the_limits_is_a_breach_each():
    load = compute_load(supervisors=5, hours_per_week=7.5, open_requests=6, thresholds=THRESHOLDS)
    assert [(b.kind, b.value, b.limit) for b in load.breaches] == [
        ("supervisors", 5, 4),
        ("hours", 7.5, 6),
        ("requests", 6, 5),
    ]
    assert load.breaches[1].message == "7,5 uur begeleiding per week, boven de grens van 6."


def test_planning_hours_warning_names_the_learner_and_the_new_total():
    assert (
        planning_hours_warning(
            learner_name="Sanne", minutes_that_week=360, new_minutes=60, limit_hours=6
        )
        == "Dit brengt Sanne op 7 uur begeleiding die week, boven 6."
    )
    assert (
        planning_hours_warning(
            learner_name="Sanne", minutes_that_week=300, new_minutes=60, limit_hours=6
        )
        is None
    )


def test_open_requests_are_zero_without_a_counter_and_summed_with_one(monkeypatch):
    from begeleid.guidance import load

    # Start from no registered counter (the formative app registers one when installed).
    monkeypatch.setattr(load, "_open_request_counters", [])
    assert open_requests_by_learner([1, 2]) == {1: 0, 2: 0}

    def counter(ids):
        return {1: 3, 99: 4}

    register_open_request_counter(counter)
    try:
        assert open_requests_by_learner([1, 2]) == {1: 3, 2: 0}
    finally:
        unregister_open_request_counter(counter)


@pytest.mark.parametrize(
    ("reserved", "used", "status"),
    [
        (Decimal("4"), 2.0, "room"),
        (Decimal("4"), 4.0, "full"),
        (Decimal("4"), 5.5, "over"),
        (Decimal("0"), 1.0, "over"),
        (Decimal("0"), 0.0, "none"),
    ],
)
def test_capacity_status(reserved, used, status):
    assert Capacity(reserved, used).status == status


# Overlaps


def test_overlapping_flags_the_people_with_two_moments_at_once():
    from begeleid.guidance.overlaps import Slot, overlapping

    t = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TIMEZONE)
    hour = datetime.timedelta(hours=1)
    slots = [
        Slot(1, t, t + hour, frozenset({10, 20})),
        Slot(2, t + hour / 2, t + 2 * hour, frozenset({20, 30})),
        Slot(3, t + 2 * hour, t + 3 * hour, frozenset({20, 30})),  # touches 2: no overlap
        Slot(4, t, t + hour, frozenset({40})),
    ]
    assert overlapping(slots) == {1: {20}, 2: {20}}
