"""The performance log: my performances, and those colleagues ask me to confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import queries
from ..forms import PerformanceForm
from ..services.performances import answer_performance, log_performance


@require_http_methods(["GET", "POST"])
def performance_list(request):
    if not request.user.has_perm("assessment.log_performance"):
        raise PermissionDenied
    form = PerformanceForm(
        request.POST or None,
        procedures=queries.procedures_for(request.user),
        colleagues=queries.colleagues_for(request.user),
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        log_performance(person=request.user, by=request.user, **form.cleaned_data)
        messages.success(request, _("De verrichting is vastgelegd en wacht op bevestiging."))
        return redirect("assessment:performance_list")
    page = Paginator(queries.own_performances(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "assessment/performance_list.html", {"form": form, "page": page})


@require_GET
def performance_confirmations(request):
    if not request.user.has_perm("assessment.log_performance"):
        raise PermissionDenied
    page = Paginator(queries.performances_to_confirm(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "assessment/performance_confirmations.html", {"page": page})


@require_POST
def performance_answer(request, uuid):
    performance = queries.get_performance_for(request.user, uuid)
    if not request.user.has_perm("assessment.answer_performance", performance):
        raise PermissionDenied
    confirmed = request.POST.get("answer") == "confirm"
    answer_performance(performance=performance, confirmed=confirmed, by=request.user)
    if confirmed:
        messages.success(request, _("Je hebt de verrichting bevestigd."))
    else:
        messages.success(request, _("Je hebt de verrichting niet bevestigd."))
    return redirect("assessment:performance_confirmations")
