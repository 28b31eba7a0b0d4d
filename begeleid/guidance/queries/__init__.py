"""Reads about guidance moments, balance, load and capacity — each in a fixed number of
queries, whatever the number of learners or moments.

One module per aggregate; this package re-exports their public names.
"""

from .capacity import CapacityRow, get_reservation_for, reservations_of_team, team_capacity
from .conflicts import MAX_DURATION, overlap_names, overlaps_for_plan, planning_warnings
from .homes import (
    TEAM_PAGE_SIZE,
    guided_enrolments,
    home_context,
    learner_home,
    supervisor_home,
    team_enrolments,
    team_home,
)
from .moments import (
    calendar_feed_of,
    feed_for_token_hash,
    feed_moments,
    get_moment_for,
    get_series_for,
    moments_to_record,
    moments_visible_to,
    own_moments,
    with_people,
)
from .monitor import (
    EnrolmentSummary,
    balance_for_enrolments,
    balance_window,
    learner_minutes_in_week,
    load_for_enrolments,
    settings_by_team,
    settings_for_team,
    summarise,
    thresholds_of,
    week_of,
    with_summary_figures,
)
from .planning import (
    GUIDING_ROLES,
    guiding_people_of_team,
    plannable_enrolments,
    possible_participants,
)

__all__ = [
    "CapacityRow",
    "EnrolmentSummary",
    "GUIDING_ROLES",
    "MAX_DURATION",
    "TEAM_PAGE_SIZE",
    "balance_for_enrolments",
    "balance_window",
    "calendar_feed_of",
    "feed_for_token_hash",
    "feed_moments",
    "get_moment_for",
    "get_reservation_for",
    "get_series_for",
    "guided_enrolments",
    "guiding_people_of_team",
    "home_context",
    "learner_home",
    "learner_minutes_in_week",
    "load_for_enrolments",
    "moments_to_record",
    "moments_visible_to",
    "overlap_names",
    "overlaps_for_plan",
    "own_moments",
    "plannable_enrolments",
    "planning_warnings",
    "possible_participants",
    "reservations_of_team",
    "settings_by_team",
    "settings_for_team",
    "summarise",
    "supervisor_home",
    "team_capacity",
    "team_enrolments",
    "team_home",
    "thresholds_of",
    "week_of",
    "with_people",
    "with_summary_figures",
]
