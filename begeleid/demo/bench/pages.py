"""The registry of pages the benchmark measures (``PAGES``).

A domain issue that adds a key page or a dashboard appends a ``Page`` here. A page whose
URL does not exist (yet) is skipped and reported as such.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse

from .users import (
    team_of,
    typical_admin,
    typical_hr,
    typical_learner,
    typical_learner_enrolment,
    typical_practice_trainer,
    typical_supervised_enrolment,
    typical_supervisor,
    typical_team_leader,
)


@dataclass(frozen=True)
class Page:
    """A page to measure.

    ``url`` is a URL name; ``user(target)`` picks the typical user (``None``: anonymous);
    ``args(target, user)`` gives the URL arguments; ``data(target, user)`` the POST body.
    ``view`` mounts a view at ``bench/<name>/`` for the benchmark only (like "hello").
    A page answers ``status``; a POST usually redirects (302).
    """

    name: str
    url: str = ""
    user: Callable | None = None
    args: Callable | None = None
    method: str = "GET"
    data: Callable | None = None
    status: int = 200
    view: Callable | None = None
    key: bool = True


def feedback_form_data(target, user):
    return {
        "kind": "feedback",
        "narrative": "Tijdens de overdracht gaf je een helder SBAR-verslag.",
        "went_well": "Rustig en volledig.",
        "to_improve": "Noem de vitale waarden eerder.",
        "next_step": "Morgen de overdracht van twee patiënten.",
    }


def hello(request):
    """The yardstick: the same middleware (session, user, CSP) and nothing else."""
    return HttpResponse("hello")


# --- The registry ---------------------------------------------------------------------

# Requested by the typical learner, so it pays the same per-request cost as the pages.
HELLO = Page("hello", user=typical_learner, view=hello, key=False)

PAGES = [
    HELLO,
    Page("learner home", "reports:home", typical_learner),
    Page("supervisor home (my learners)", "reports:home", typical_supervisor),
    Page("practice trainer home (team overview)", "reports:home", typical_practice_trainer),
    Page("team leader home (team overview)", "reports:home", typical_team_leader),
    Page("organisation home (HR)", "reports:home", typical_hr),
    Page("admin home", "reports:home", typical_admin),
    Page(
        "learner timeline (learner)",
        "formative:timeline",
        typical_learner,
        typical_learner_enrolment,
    ),
    Page(
        "learner timeline (supervisor)",
        "formative:timeline",
        typical_supervisor,
        typical_supervised_enrolment,
    ),
    Page(
        "feedback form submit",
        "formative:feedback_create",
        typical_supervisor,
        typical_supervised_enrolment,
        method="POST",
        data=feedback_form_data,
        status=302,
    ),
    # Dashboards and overviews.
    Page(
        "enrolment list (practice trainer)", "programmes:enrolment_list", typical_practice_trainer
    ),
    Page("guidance moments (supervisor)", "guidance:moment_list", typical_supervisor),
    Page("team capacity (team leader)", "guidance:team_capacity", typical_team_leader, team_of),
    Page("agreement coverage (HR)", "collaboration:agreement_coverage", typical_hr),
    Page("signals (team leader)", "collaboration:signals", typical_team_leader),
    # Assessing and quality dashboards (issues #5 and #7).
    Page(
        "learner progress (learner)",
        "assessment:learner_progress",
        typical_learner,
        typical_learner_enrolment,
    ),
    Page("competence register (HR)", "assessment:register_list", typical_hr),
    Page("team matrix (team leader)", "assessment:team_matrix", typical_team_leader, team_of),
    Page("organisation dashboard (HR)", "quality:organisation_dashboard", typical_hr),
    Page("team dashboard (team leader)", "quality:team_dashboard", typical_team_leader, team_of),
    Page("model at a glance (HR)", "quality:organisation_glance", typical_hr),
    Page(
        "team model at a glance (team leader)", "quality:team_glance", typical_team_leader, team_of
    ),
    Page("time and budget (team leader)", "quality:team_time_budget", typical_team_leader, team_of),
]
