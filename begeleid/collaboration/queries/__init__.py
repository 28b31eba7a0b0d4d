"""Reads for the collaboration app, scoped to the user's organisation (404 outside it).

One module per aggregate; the names are re-exported here."""

from .coverage import (  # noqa: F401
    Coverage,
    TeamGaps,
    coverage_for,
    teams_gaps_first,
)
from .homes import (  # noqa: F401
    OrganisationHome,
    TeamLeaderHome,
    home_context,
    organisation_home,
    team_leader_home,
)
from .interprofessional import (  # noqa: F401
    PairRow,
    activities_for,
    activity_people,
    get_activity_for,
    interprofessional_by_pair,
    months_back,
)
from .meetings import (  # noqa: F401
    CadenceStatus,
    cadence_status,
    cadences_of,
    get_action_item_for,
    get_meeting_for,
    is_hr,
    learner_names,
    learners_of_team_ids,
    meeting_detail,
    meetings_for,
    people_for_team_ids,
    redact,
    team_learners,
    team_people,
    team_staff,
)
from .scopes import (  # noqa: F401
    _org,
    is_organisation_level,
    teams_in_scope,
    teams_led_by,
    teams_worked_in,
)
from .signals import (  # noqa: F401
    get_signal_for,
    open_signals_of_team,
    signal_by_follow_up_code,
    signal_owner_candidates,
    signals_handled_by,
    signals_raised_by,
)
from .vision import (  # noqa: F401
    agreements_of_team,
    get_agreement_for,
    get_statement_for,
    get_vision_for,
    missing_minimum,
    published_statements,
    published_vision,
    statements_by_question,
    vision_versions,
)
