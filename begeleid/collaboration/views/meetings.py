from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleid.organisations.queries import get_team_for

from .. import queries, services
from ..enums import ActionStatus, MeetingKind
from ..forms import ActionItemForm, CadenceForm, MeetingForm


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@require_GET
def meetings(request):
    _permit(request, "collaboration.view_meeting_list")
    kind = request.GET.get("kind", "")
    kind = kind if kind in MeetingKind.values else ""
    page = Paginator(queries.meetings_for(request.user, kind=kind), 25).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "kind": kind,
        "kinds": MeetingKind.choices,
        "query_string": f"kind={kind}" if kind else "",
        "led_teams": queries.teams_led_by(request.user).order_by("name"),
    }
    return render(request, "collaboration/meetings.html", context)


def _meeting_form(request, team, instance=None):
    signals = queries.open_signals_of_team(team)
    if instance is not None:
        signals = signals | instance.signals.all()
    return MeetingForm(
        request.POST or None,
        instance=instance,
        people=queries.team_people(team),
        learners=queries.team_learners(team),
        signals=signals.distinct().order_by("-created_at"),
    )


def _save(request, form, team, meeting=None):
    data = dict(form.cleaned_data)
    participants, signals = data.pop("participants"), data.pop("signals")
    return services.save_meeting(
        team=team,
        meeting=meeting,
        fields=data,
        participants=list(participants),
        signals=list(signals),
        by=request.user,
    )


@require_http_methods(["GET", "POST"])
def meeting_add(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "collaboration.manage_meeting", team)
    form = _meeting_form(request, team)
    if request.method == "POST" and form.is_valid():
        meeting = _save(request, form, team)
        return redirect("collaboration:meeting_detail", uuid=meeting.uuid)
    return render(request, "collaboration/meeting_form.html", {"form": form, "team": team})


@require_http_methods(["GET", "POST"])
def meeting_edit(request, uuid):
    meeting = queries.get_meeting_for(request.user, uuid)
    _permit(request, "collaboration.manage_meeting", meeting)
    form = _meeting_form(request, meeting.team, meeting)
    if request.method == "POST" and form.is_valid():
        _save(request, form, meeting.team, meeting)
        return redirect("collaboration:meeting_detail", uuid=meeting.uuid)
    context = {"form": form, "team": meeting.team, "meeting": meeting}
    return render(request, "collaboration/meeting_form.html", context)


@require_GET
def meeting_detail(request, uuid):
    meeting = queries.get_meeting_for(request.user, uuid)
    _permit(request, "collaboration.view_meeting", meeting)
    participants, items, signals = queries.meeting_detail(meeting)
    notes, decisions = meeting.notes, meeting.decisions
    if meeting.is_anonymised:
        names = queries.learner_names(meeting.team)
        notes = queries.redact(notes, names, _("[lerende]"))
        decisions = queries.redact(decisions, names, _("[lerende]"))
    context = {
        "meeting": meeting,
        "notes": notes,
        "decisions": decisions,
        "participants": participants,
        "items": items,
        "signals": signals,
        "can_manage": request.user.has_perm("collaboration.manage_meeting", meeting),
        "action_form": ActionItemForm(people=queries.team_staff(meeting.team)),
    }
    return render(request, "collaboration/meeting_detail.html", context)


@require_POST
def action_item_add(request, uuid):
    meeting = queries.get_meeting_for(request.user, uuid)
    _permit(request, "collaboration.manage_meeting", meeting)
    form = ActionItemForm(request.POST, people=queries.team_staff(meeting.team))
    if form.is_valid():
        services.add_action_item(meeting=meeting, by=request.user, **form.cleaned_data)
        return redirect("collaboration:meeting_detail", uuid=meeting.uuid)
    participants, items, signals = queries.meeting_detail(meeting)
    context = {
        "meeting": meeting,
        "notes": meeting.notes if not meeting.is_anonymised else "",
        "decisions": meeting.decisions if not meeting.is_anonymised else "",
        "participants": participants,
        "items": items,
        "signals": signals,
        "can_manage": True,
        "action_form": form,
    }
    return render(request, "collaboration/meeting_detail.html", context, status=400)


@require_POST
def action_item_status(request, uuid):
    item = queries.get_action_item_for(request.user, uuid)
    _permit(request, "collaboration.update_action_item", item)
    status = request.POST.get("status")
    if status in ActionStatus.values:
        services.set_action_item_status(item=item, status=status, by=request.user)
    return redirect("collaboration:meeting_detail", uuid=item.meeting.uuid)


@require_http_methods(["GET", "POST"])
def cadences(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "collaboration.manage_meeting", team)
    form = CadenceForm(request.POST or None, current=queries.cadences_of(team))
    if request.method == "POST" and form.is_valid():
        services.set_cadences(team=team, weeks_by_kind=form.weeks_by_kind(), by=request.user)
        return redirect("collaboration:team_agreements", uuid=team.uuid)
    return render(request, "collaboration/cadences.html", {"form": form, "team": team})
