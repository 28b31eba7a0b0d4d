from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.core.audit import record_access
from begeleid.organisations.queries import get_team_for

from .. import coordination, queries, services
from ..forms import ActivityForm


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@require_GET
def activities(request):
    _permit(request, "collaboration.view_activity_list")
    page = Paginator(queries.activities_for(request.user), 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        # Only the teams whose overview this person may open get a link.
        "teams": [
            t
            for t in queries.teams_in_scope(request.user).order_by("name")
            if request.user.has_perm("collaboration.view_team_interprofessional", t)
        ],
        "can_add": request.user.has_perm("collaboration.add_activity"),
        "coordinated": coordination.first_supervised(request.user),
    }
    return render(request, "collaboration/activities.html", context)


def _activity_form(request):
    user = request.user
    # HR records activities for any team; others for the teams they work in.
    teams = queries.teams_in_scope(user) if queries.is_hr(user) else queries.teams_worked_in(user)
    today = timezone.localdate()
    team_ids = list(teams.values_list("pk", flat=True))
    people = queries.people_for_team_ids(team_ids, today).select_related("profession")
    learners = queries.learners_of_team_ids(team_ids, today)
    return ActivityForm(
        request.POST or None,
        initial={"date": today},
        teams=teams.order_by("name"),
        people=people.order_by("full_name", "id"),
        learners=learners,
    )


@require_http_methods(["GET", "POST"])
def activity_add(request):
    _permit(request, "collaboration.add_activity")
    form = _activity_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            activity = services.record_activity(
                participants=list(data.pop("participants")),
                learners=list(data.pop("learners")),
                by=request.user,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("collaboration:activity_detail", uuid=activity.uuid)
    return render(request, "collaboration/activity_form.html", {"form": form})


@require_GET
def activity_detail(request, uuid):
    activity = queries.get_activity_for(request.user, uuid)
    _permit(request, "collaboration.view_activity", activity)
    participants, learners = queries.activity_people(activity)
    context = {"activity": activity, "participants": participants, "learners": learners}
    return render(request, "collaboration/activity_detail.html", context)


@require_GET
def team_interprofessional(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "collaboration.view_team_interprofessional", team)
    columns, rows = queries.interprofessional_by_pair(team)
    peak = max((max(r.counts) for r in rows), default=0)
    context = {"team": team, "columns": columns, "rows": rows, "peak": peak}
    return render(request, "collaboration/team_interprofessional.html", context)


@require_GET
def learner_coordination(request, uuid):
    enrolment = coordination.get_enrolment(request.user, uuid)
    _permit(request, "collaboration.view_coordination", enrolment)
    record_access(request=request, subject=enrolment.learner, what="interprofessionele afstemming")
    context = {"enrolment": enrolment, "rows": coordination.who_guides_what(enrolment)}
    return render(request, "collaboration/learner_coordination.html", context)
