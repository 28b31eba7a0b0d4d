"""Progress pictures: a learner's levels over time and now, and a programme's cohort."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from begeleid.core.audit import record_access
from begeleid.programmes.queries import get_enrolment_for, trainer_team_ids

from .. import progress, queries


@require_GET
def learner_progress(request, uuid):
    enrolment = get_enrolment_for(request.user, uuid)
    if not request.user.has_perm("assessment.view_progress", enrolment):
        raise PermissionDenied
    record_access(request=request, subject=enrolment.learner, what="assessment.progress")
    data = progress.learner_progress(enrolment, viewer=request.user)
    context = {
        "enrolment": enrolment,
        "progress": data,
        "trend_svg": progress.trend_svg(data) if data.series else "",
        "radar_svg": progress.radar_svg(data) if data.series else "",
        # The learner and current supervisors see every self-rating; others what is released.
        "sees_all_self_ratings": request.user.has_perm("formative.view_record", enrolment),
        "may_compare": request.user.has_perm(
            "assessment.view_cohort_progress", enrolment.version.programme
        ),
    }
    return render(request, "assessment/progress/learner.html", context)


@require_GET
def cohort_progress(request, uuid):
    programme = queries.get_programme_for(request.user, uuid)
    if not request.user.has_perm("assessment.view_cohort_progress", programme):
        raise PermissionDenied
    data = progress.cohort_progress(programme, trainer_team_ids(request.user))
    charts = [
        (row, progress.cohort_bars_svg(row, data.top, f"cohort-{i}"))
        for i, row in enumerate(data.rows, start=1)
    ]
    context = {"programme": programme, "progress": data, "charts": charts}
    return render(request, "assessment/progress/cohort.html", context)
