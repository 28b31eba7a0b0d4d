from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleid.organisations.queries import get_team_for

from .. import queries, services
from ..forms import AgreementForm
from . import coverage_table


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@require_GET
def agreements(request):
    _permit(request, "collaboration.view_agreement_overview")
    teams = list(queries.teams_in_scope(request.user).order_by("name", "id"))
    gaps = queries.missing_minimum([t.pk for t in teams])
    rows = [(team, gaps[team.pk]) for team in teams]
    return render(request, "collaboration/agreements.html", {"rows": rows})


@require_GET
def team_agreements(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "collaboration.view_team_agreements", team)
    context = {
        "team": team,
        "agreements": queries.agreements_of_team(team),
        "missing": queries.missing_minimum([team.pk])[team.pk],
        "cadences": queries.cadence_status([team.pk]),
        "can_manage": request.user.has_perm("collaboration.manage_team_agreements", team),
    }
    return render(request, "collaboration/team_agreements.html", context)


def _agreement_form(request, team, instance=None):
    return AgreementForm(
        request.POST or None,
        instance=instance,
        initial={"topic": request.GET.get("topic", "")} if instance is None else None,
        people=queries.team_people(team),
        statements=queries.published_statements(request.user),
    )


def _fields(form):
    return {k: v for k, v in form.cleaned_data.items() if k != "statements"}


@require_http_methods(["GET", "POST"])
def agreement_add(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "collaboration.manage_team_agreements", team)
    form = _agreement_form(request, team)
    if request.method == "POST" and form.is_valid():
        services.save_agreement(
            team=team,
            fields=_fields(form),
            statements=list(form.cleaned_data["statements"]),
            by=request.user,
        )
        return redirect("collaboration:team_agreements", uuid=team.uuid)
    return render(request, "collaboration/agreement_form.html", {"form": form, "team": team})


@require_http_methods(["GET", "POST"])
def agreement_edit(request, uuid):
    agreement = queries.get_agreement_for(request.user, uuid)
    _permit(request, "collaboration.manage_team_agreements", agreement.team)
    form = _agreement_form(request, agreement.team, agreement)
    if request.method == "POST" and form.is_valid():
        services.save_agreement(
            team=agreement.team,
            agreement=agreement,
            fields=_fields(form),
            statements=list(form.cleaned_data["statements"]),
            by=request.user,
        )
        return redirect("collaboration:team_agreements", uuid=agreement.team.uuid)
    context = {"form": form, "team": agreement.team, "agreement": agreement}
    return render(request, "collaboration/agreement_form.html", context)


@require_POST
def agreement_archive(request, uuid):
    agreement = queries.get_agreement_for(request.user, uuid)
    _permit(request, "collaboration.manage_team_agreements", agreement.team)
    services.archive_agreement(agreement=agreement, by=request.user)
    return redirect("collaboration:team_agreements", uuid=agreement.team.uuid)


@require_GET
def coverage(request):
    _permit(request, "collaboration.view_coverage")
    coverage = queries.coverage_for(request.user, request.GET.get("page"))
    labels = coverage_table.labels()
    context = {
        "coverage": coverage,
        "page": coverage.page,
        "labels": labels,
        "statement_rows": coverage_table.statement_rows(coverage, labels),
        "team_rows": coverage_table.team_rows(coverage, labels),
    }
    return render(request, "collaboration/coverage.html", context)
