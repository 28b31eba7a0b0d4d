from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.organisations.models import Team
from begeleid.organisations.queries import roles_of

from .. import queries, services
from ..enums import AgreementStatus, SignalStatus
from ..forms import FollowUpForm, SignalForm, SignalManageForm
from ..models import TeamAgreement


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@require_GET
def signals(request):
    handled = queries.signals_handled_by(request.user)
    status = request.GET.get("status", "")
    if status in SignalStatus.values:
        handled = handled.filter(status=status)
    context = {"signals": handled[:100], "status": status, "statuses": SignalStatus.choices}
    return render(request, "collaboration/signals.html", context)


@require_GET
def my_signals(request):
    mine = queries.signals_raised_by(request.user)
    return render(request, "collaboration/my_signals.html", {"signals": mine})


def _signal_form(request):
    user = request.user
    teams = Team.objects.filter(
        organisation_id=user.organisation_id, pk__in=roles_of(user).by_team.keys()
    )
    agreements = TeamAgreement.objects.filter(
        team__in=teams, status=AgreementStatus.ACTIVE
    ).select_related("team")
    return SignalForm(
        request.POST or None,
        initial={"level": "team" if teams else "organisation"},
        teams=teams,
        statements=queries.published_statements(user),
        agreements=agreements,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def signal_raise(request):
    # On the anonymous path nothing here may log or store request.user.
    _permit(request, "collaboration.raise_signal")
    form = _signal_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signal, code = services.raise_signal(
            person=request.user,
            level=data["level"],
            team=data["team"],
            title=data["title"],
            description=data["description"],
            statement=data["statement"],
            agreement=data["agreement"],
            anonymous=data["anonymous"],
        )
        if code:
            # Shown once, in this answer only: the code is not stored and not redirected.
            return render(request, "collaboration/signal_code.html", {"code": code})
        messages.success(request, _("Je signaal is verstuurd."))
        return redirect("collaboration:signal_detail", uuid=signal.uuid)
    return render(request, "collaboration/signal_form.html", {"form": form})


@require_GET
def signal_detail(request, uuid):
    signal = queries.get_signal_for(request.user, uuid)
    _permit(request, "collaboration.view_signal", signal)
    context = {
        "signal": signal,
        "meetings": signal.meetings.select_related("team").order_by("-date"),
        "can_manage": request.user.has_perm("collaboration.manage_signal", signal),
    }
    return render(request, "collaboration/signal_detail.html", context)


@require_http_methods(["GET", "POST"])
def signal_manage(request, uuid):
    signal = queries.get_signal_for(request.user, uuid)
    _permit(request, "collaboration.manage_signal", signal)
    initial = {"owner": signal.owner, "status": signal.status, "resolution": signal.resolution}
    form = SignalManageForm(
        request.POST or None, initial=initial, owners=queries.signal_owner_candidates(signal)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_signal(signal=signal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("collaboration:signal_detail", uuid=signal.uuid)
    return render(request, "collaboration/signal_manage.html", {"form": form, "signal": signal})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def signal_follow_up(request):
    """Public: an anonymous raiser looks up the resolution with their one-time code."""
    form = FollowUpForm(request.POST or None)
    signal, looked_up = None, False
    if request.method == "POST" and form.is_valid():
        looked_up = True
        signal = queries.signal_by_follow_up_code(form.cleaned_data["code"])
    context = {"form": form, "signal": signal, "looked_up": looked_up}
    return render(request, "collaboration/signal_follow_up.html", context)
