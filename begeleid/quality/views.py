from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.organisations.queries import get_team_for

from . import queries, services
from .forms import CaseForm, CloseForm, ScoreForm, SessionForm


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@require_GET
def calibration_sessions(request):
    _permit(request, "quality.view_calibration_list")
    sessions = queries.sessions_for(request.user)
    page = Paginator(sessions, 25).get_page(request.GET.get("page"))
    context = {"page": page, "led_teams": queries.teams_led_by(request.user)}
    return render(request, "quality/calibration_sessions.html", context)


@require_http_methods(["GET", "POST"])
def calibration_add(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.add_calibration_session", team)
    form = SessionForm(
        request.POST or None,
        rubric_versions=queries.rubric_versions_for(request.user),
        people=queries.eligible_assessors(team),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = services.create_session(
            team=team,
            title=data["title"],
            held_on=data["held_on"],
            rubric_version=data["rubric_version"],
            participants=list(data["participants"]),
            case={
                "title": data["case_title"],
                "description": data["case_description"],
                "evidence": data["case_evidence"],
            },
            by=request.user,
        )
        return redirect("quality:calibration_detail", uuid=session.uuid)
    return render(request, "quality/calibration_form.html", {"form": form, "team": team})


@require_GET
def calibration_detail(request, uuid):
    session = queries.get_session_for(request.user, uuid)
    _permit(request, "quality.view_calibration_session", session)
    criteria, levels = queries.rubric_with_levels(session.rubric_version)
    context = {
        "session": session,
        "criteria": criteria,
        "levels": levels,
        "progress": queries.progress(session),
        "cases": queries.cases_with_own_counts(session, request.user),
        "can_score": request.user.has_perm("quality.score_calibration", session),
        "can_manage": request.user.has_perm("quality.manage_calibration", session),
        "results": None if session.is_open else queries.results_for_display(session, criteria),
    }
    return render(request, "quality/calibration_detail.html", context)


@require_http_methods(["GET", "POST"])
def calibration_case_add(request, uuid):
    session = queries.get_session_for(request.user, uuid)
    _permit(request, "quality.manage_calibration", session)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_case(session=session, by=request.user, **form.cleaned_data)
        return redirect("quality:calibration_detail", uuid=session.uuid)
    return render(request, "quality/case_form.html", {"form": form, "session": session})


@require_http_methods(["GET", "POST"])
def calibration_score(request, uuid):
    case = queries.get_case_for(request.user, uuid)
    session = case.session
    _permit(request, "quality.score_calibration", session)
    criteria, _levels = queries.rubric_with_levels(session.rubric_version)
    own = queries.own_scores(session, request.user)
    form = ScoreForm(
        request.POST or None,
        criteria=criteria,
        initial_scores={c.pk: own.get((case.pk, c.pk)) for c in criteria},
    )
    if request.method == "POST" and form.is_valid():
        services.record_scores(
            case=case, assessor=request.user, values=form.values(), by=request.user
        )
        return redirect("quality:calibration_detail", uuid=session.uuid)
    context = {"form": form, "case": case, "session": session}
    return render(request, "quality/score_form.html", context)


@require_http_methods(["GET", "POST"])
def calibration_close(request, uuid):
    session = queries.get_session_for(request.user, uuid)
    _permit(request, "quality.manage_calibration", session)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_session(
                session=session, agreed_reading=form.cleaned_data["agreed_reading"], by=request.user
            )
        except services.CalibrationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("quality:calibration_detail", uuid=session.uuid)
    context = {"form": form, "session": session, "progress": queries.progress(session)}
    return render(request, "quality/close_form.html", context)


@require_GET
def calibration_trend(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.view_calibration_trend", team)
    context = {"team": team, "sessions": queries.trend(team)}
    return render(request, "quality/calibration_trend.html", context)
