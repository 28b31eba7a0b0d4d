"""Dashboards, 'ons begeleidingsmodel' at a glance, and quality reports (PDF/CSV)."""

import dataclasses

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.organisations.models import Team
from begeleid.organisations.queries import get_team_for, roles_of

from . import jobs, snapshots
from .forms_reports import ReportForm
from .models import ReportJob
from .models.reports import ReportKind
from .rules import LEADS


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _org_level(user):
    return user.has_perm("quality.view_organisation_dashboard")


def _teams_in_scope(user):
    teams = Team.objects.filter(organisation_id=user.organisation_id, is_active=True)
    if not _org_level(user):
        teams = teams.filter(pk__in=roles_of(user).teams_with(*LEADS))
    return teams.order_by("name", "id")


@require_GET
def dashboards(request):
    _permit(request, "quality.view_dashboards")
    context = {
        "teams": _teams_in_scope(request.user),
        "organisation_level": _org_level(request.user),
    }
    return render(request, "quality/dashboards/index.html", context)


def _fresh(request):
    """A POST asks for fresh figures (quality.snapshots); the page is then shown again."""
    return request.method == "POST"


@require_http_methods(["GET", "POST"])
def organisation_dashboard(request):
    _permit(request, "quality.view_organisation_dashboard")
    # The organisation is read with the figures: no query of its own.
    snapshot = snapshots.dashboard(
        organisation_id=request.user.organisation_id, refresh=_fresh(request)
    )
    if _fresh(request):
        return redirect("quality:organisation_dashboard")
    context = {
        "board": snapshot.value,
        "snapshot": snapshot,
        "glance_url": reverse("quality:organisation_glance"),
    }
    return render(request, "quality/dashboards/dashboard.html", context)


@require_http_methods(["GET", "POST"])
def team_dashboard(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.view_team_dashboard", team)
    snapshot = snapshots.dashboard(
        organisation_id=request.user.organisation_id, team=team, refresh=_fresh(request)
    )
    if _fresh(request):
        return redirect("quality:team_dashboard", uuid=team.uuid)
    context = {
        "board": snapshot.value,
        "snapshot": snapshot,
        "glance_url": reverse("quality:team_glance", args=[team.uuid]),
    }
    return render(request, "quality/dashboards/dashboard.html", context)


@require_http_methods(["GET", "POST"])
def organisation_glance(request):
    _permit(request, "quality.view_organisation_dashboard")
    snapshot = snapshots.glance(organisation=request.user.organisation, refresh=_fresh(request))
    if _fresh(request):
        return redirect("quality:organisation_glance")
    context = {
        "glance": _links_they_can_open(request, snapshot.value),
        "snapshot": snapshot,
        "dashboard_url": reverse("quality:organisation_dashboard"),
    }
    return render(request, "quality/glance/glance.html", context)


def _links_they_can_open(request, glance):
    """A finding links to where it is fixed only when this person may open that page:
    the permission the page checks, asked of the rules (roles are read once per request,
    so no query per link); otherwise the finding stays, as text, for whoever can act."""
    answers = {}

    def may(f):
        if not f.perm:
            return True
        key = (f.perm, type(f.obj), getattr(f.obj, "pk", None))
        if key not in answers:
            answers[key] = request.user.has_perm(f.perm, f.obj)
        return answers[key]

    def checked(findings):
        return [f if not f.url or may(f) else dataclasses.replace(f, url="") for f in findings]

    for element in glance.elements:
        element.in_place = checked(element.in_place)
        element.missing = checked(element.missing)
    return glance


@require_http_methods(["GET", "POST"])
def team_glance(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.view_team_dashboard", team)
    snapshot = snapshots.glance(
        organisation=request.user.organisation, team=team, refresh=_fresh(request)
    )
    if _fresh(request):
        return redirect("quality:team_glance", uuid=team.uuid)
    context = {
        "glance": _links_they_can_open(request, snapshot.value),
        "snapshot": snapshot,
        "dashboard_url": reverse("quality:team_dashboard", args=[team.uuid]),
    }
    return render(request, "quality/glance/glance.html", context)


@require_http_methods(["GET", "POST"])
def report_new(request):
    _permit(request, "quality.view_dashboards")
    org_level = _org_level(request.user)
    initial = {
        "team": request.GET.get("team") or None,
        "kind": request.GET.get("kind") or ReportKind.QUALITY_CYCLE,
    }
    form = ReportForm(
        request.POST or None,
        initial=initial,
        teams=_teams_in_scope(request.user),
        organisation_level=org_level,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = jobs.request_report(
            organisation=request.user.organisation,
            team=data["team"],
            kind=data["kind"],
            output=data["output"],
            start=data["start"],
            end=data["end"],
            by=request.user,
        )
        return redirect("quality:report_job", uuid=job.uuid)
    context = {"form": form, "jobs": jobs.jobs_of(request.user)[:10]}
    return render(request, "quality/reports/report_form.html", context)


def _get_job(request, uuid):
    job = get_object_or_404(
        ReportJob.objects.filter(organisation_id=request.user.organisation_id).select_related(
            "team"
        ),
        uuid=uuid,
    )
    _permit(request, "quality.view_report_job", job)
    return job


@require_GET
def report_job(request, uuid):
    job = _get_job(request, uuid)
    template = "quality/reports/job.html"
    if request.headers.get("HX-Request"):
        template += "#progress"
    return render(request, template, {"job": job})


@require_GET
def report_download(request, uuid):
    job = _get_job(request, uuid)
    if not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1]
    )
