from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from begeleid.assessment.queries import home_context as assessment_home
from begeleid.collaboration.queries import home_context as collaboration_home
from begeleid.core.pagecache import cached_body, keeps_page
from begeleid.formative.figures import UNREAD_NOTIFICATIONS
from begeleid.guidance.queries import home_context
from begeleid.organisations.queries import memberships_of, roles_of, want_person_figures
from begeleid.programmes.queries import trainer_team_ids

from .home import sections_for

# Sections that show more than the person's own and their teams' records.
_ORGANISATION_WIDE = {"assessor", "organisation", "admin"}


@keeps_page
@require_GET
def home(request):
    # The inbox count comes with the roles read (no query of its own).
    want_person_figures(request.user, UNREAD_NOTIFICATIONS)
    sections = sections_for(request.user)

    def body():
        context = {"sections": sections, "memberships": memberships_of(request.user)}
        context.update(home_context(request.user, sections, request.GET))
        context.update(collaboration_home(request.user, sections))
        context.update(assessment_home(request.user, sections))
        return render_to_string("reports/home_body.html", context, request)

    return render(
        request,
        "reports/home.html",
        {"body": cached_body(request, "reports:home", home_scopes(request.user, sections), body)},
    )


def home_scopes(user, sections) -> list[str]:
    """What the home depends on (core.freshness): the person's own records and inbox (a
    notification to them moves their scope), the teams whose whole list they see
    (practice trainer, team leader, coordinator), and the organisation when they hold a
    role in it as a whole or a section shows more than their teams. A team in which they
    only learn or guide is not a scope of theirs: their sections show their own and their
    learners' records only. No home shows feedback, so feedback moves none of these
    (decision 28)."""
    roles = roles_of(user)
    scopes = [f"person:{user.pk}", *(f"team:{team}" for team in sorted(trainer_team_ids(user)))]
    if roles.organisation or _ORGANISATION_WIDE.intersection(sections):
        scopes.append(f"org:{user.organisation_id}")
    return scopes
