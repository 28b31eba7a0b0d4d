"""Time and budget of a team: reserved vs realised guidance time, budget vs spending."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.organisations.queries import get_team_for

from . import queries_budget as queries
from . import services_budget as services
from .forms_budget import BudgetForm


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@require_GET
def team_time_budget(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.view_time_budget", team)
    year = _year(request)
    today = timezone.localdate()
    end = today if year == today.year else datetime.date(year, 12, 31)
    context = {
        "team": team,
        "year": year,
        "years": [year - 1, year, year + 1],
        "budget": queries.budget_summary(team=team, year=year),
        "time": queries.realised_guidance_time(team=team, start=datetime.date(year, 1, 1), end=end),
        "can_set": request.user.has_perm("quality.set_budget", team),
    }
    return render(request, "quality/budget/team.html", context)


@require_http_methods(["GET", "POST"])
def budget_set(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.set_budget", team)
    year = _year(request)
    current = queries.budget_summary(team=team, year=year).amount
    form = BudgetForm(request.POST or None, initial={"year": year, "amount": current})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_budget(team=team, year=data["year"], amount=data["amount"], by=request.user)
        url = reverse("quality:team_time_budget", kwargs={"uuid": team.uuid})
        return redirect(f"{url}?year={data['year']}")
    return render(request, "quality/budget/budget_form.html", {"form": form, "team": team})
