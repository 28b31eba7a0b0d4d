import datetime
import uuid as uuidlib

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleid.core.audit import record_access
from begeleid.organisations.queries import get_team_for
from begeleid.programmes.queries import get_enrolment_for

from . import queries, services
from .enums import RECURRENCE_INTERVAL_WEEKS, MomentStatus
from .forms import (
    CancelForm,
    MomentForm,
    OccurrenceForm,
    RecordForm,
    RescheduleForm,
    ReservationForm,
    SeriesForm,
    TeamSettingsForm,
)
from .ical import calendar_bytes, moment_event
from .models import GuidanceMoment
from .queries.moments import LISTED_FIELDS, MOMENT_PAGE_SIZE, OwnMomentList, moment_rows
from .recurrence import series_dates


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _moment_url(moment):
    return reverse("guidance:moment_detail", kwargs={"uuid": moment.uuid})


def _with_urls(objects, name, attribute):
    """Sets ``attribute`` of each object to ``reverse(name, uuid=object.uuid)``, reversing
    once: a ``{% url %}`` per row cost a list about 0.1 ms a row."""
    placeholder = str(uuidlib.UUID(int=0))
    before, _, after = reverse(name, kwargs={"uuid": placeholder}).partition(placeholder)
    for obj in objects:
        setattr(obj, attribute, f"{before}{obj.uuid}{after}")
    return objects


@require_GET
def moment_list(request):
    past = request.GET.get("when") == "past"
    now = timezone.now()
    since = now if past else now - datetime.timedelta(hours=12)
    moments = OwnMomentList(request.user, since, past=past)
    page = Paginator(moments, MOMENT_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list, overlaps = _listed(page.object_list)
    context = {
        "page": page,
        "past": past,
        "overlaps": overlaps,
        "query_string": "when=past" if past else "",
    }
    return render(request, "guidance/moment_list.html", context)


def _listed(moments, *, overlaps=True):
    """The moments as includes/moment_rows.html shows them, and their overlaps.

    Per moment: ``url``; ``when``, its start as ``date:"D j M Y H:i"`` shows it (the day
    formatted once per day of the list); ``form_label`` and ``status_label`` (translated
    once per value); ``overlap_badge``, what ``{% blocktranslate %}Overlapt voor {{ names
    }}`` shows, or ``None``. Formatted per row in the template, these cost a list of 25
    about 1.5 ms."""
    moments, found = moment_rows(moments, overlaps=overlaps)
    _with_urls(moments, "guidance:moment_detail", "url")
    days, labels = {}, {}
    overlap = _("Overlapt voor %(names)s")
    for moment in moments:
        start = timezone.template_localtime(moment.starts_at)
        day = start.date()
        if day not in days:
            days[day] = date_format(start, "D j M Y")
        moment.when = f"{days[day]} {start.hour:02d}:{start.minute:02d}"
        values = (moment.form, moment.status)
        if values not in labels:
            labels[values] = (moment.get_form_display(), moment.get_status_display())
        moment.form_label, moment.status_label = labels[values]
        moment.overlap_badge = (
            mark_safe(overlap % {"names": conditional_escape(moment.overlap_list)})
            if moment.overlap_list
            else None
        )
    return moments, found


@require_http_methods(["GET", "POST"])
def moment_plan(request):
    _permit(request, "guidance.plan_moments")
    preselect = request.GET.getlist("enrolment")
    form = MomentForm(request.user, request.POST or None, preselect=preselect)
    warnings = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warnings = queries.planning_warnings(
            organisation_id=request.user.organisation_id,
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            enrolments=data["enrolments"],
            participants=data["participants"],
        )
        if not warnings or data["confirmed"]:
            moment = services.plan_moment(
                **{k: data[k] for k in ("form", "title", "starts_at", "duration_minutes")},
                location=data["location"],
                enrolments=data["enrolments"],
                participants=data["participants"],
                by=request.user,
            )
            messages.success(request, _("Het moment is gepland."))
            return redirect(_moment_url(moment))
    context = {"form": form, "warnings": warnings}
    return render(request, "guidance/moment_plan.html", context)


@require_GET
def moment_detail(request, uuid):
    moment = queries.get_moment_for(request.user, uuid)
    _permit(request, "guidance.view_moment", moment)
    context = {
        "moment": moment,
        "overlaps": queries.overlap_names([moment]).get(moment.pk, []),
        "can_change": request.user.has_perm("guidance.change_moment", moment),
    }
    return render(request, "guidance/moment_detail.html", context)


@require_http_methods(["GET", "POST"])
def moment_reschedule(request, uuid):
    moment = queries.get_moment_for(request.user, uuid)
    _permit(request, "guidance.change_moment", moment)
    local = timezone.localtime(moment.starts_at)
    initial = {"date": local.date(), "time": local.time(), "location": moment.location}
    initial["duration_minutes"] = moment.duration_minutes
    form = RescheduleForm(request.POST or None, initial=initial)
    warnings = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warnings = queries.planning_warnings(
            organisation_id=moment.organisation_id,
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            enrolments=[ml.enrolment for ml in moment.learners.all()],
            participants=[p.person for p in moment.participants.all()],
            exclude_id=moment.pk,
        )
        if not warnings or data["confirmed"]:
            try:
                services.reschedule_moment(
                    moment=moment,
                    starts_at=data["starts_at"],
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Het moment is verzet."))
                return redirect(_moment_url(moment))
    context = {"form": form, "moment": moment, "warnings": warnings}
    return render(request, "guidance/moment_reschedule.html", context)


@require_http_methods(["GET", "POST"])
def moment_cancel(request, uuid):
    moment = queries.get_moment_for(request.user, uuid)
    _permit(request, "guidance.change_moment", moment)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_moment(
                moment=moment, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het moment is geannuleerd."))
            return redirect(_moment_url(moment))
    return render(request, "guidance/moment_cancel.html", {"form": form, "moment": moment})


@require_http_methods(["GET", "POST"])
def moment_record(request, uuid):
    moment = queries.get_moment_for(request.user, uuid)
    _permit(request, "guidance.change_moment", moment)
    form = RecordForm(moment, request.POST or None, initial={"notes": moment.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_moment_held(
                moment=moment,
                notes=form.cleaned_data["notes"],
                attended=form.attendance(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het moment is vastgelegd als gehouden."))
            return redirect(_moment_url(moment))
    return render(request, "guidance/moment_record.html", {"form": form, "moment": moment})


def _ics_response(events, *, name, filename=None):
    data = calendar_bytes(events, name=name, stamp=timezone.now())
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def moment_ics(request, uuid):
    moment = queries.get_moment_for(request.user, uuid)
    _permit(request, "guidance.view_moment", moment)
    event = moment_event(moment, url=request.build_absolute_uri(_moment_url(moment)))
    return _ics_response(
        [event], name=moment.title, filename=f"begeleidingsmoment-{moment.uuid}.ics"
    )


@login_not_required
@never_cache
@require_GET
def feed(request, token):
    calendar_feed = queries.feed_for_token_hash(services.hash_token(token))
    if calendar_feed is None:
        raise Http404
    moments = queries.with_people(queries.feed_moments(calendar_feed.person))
    events = [moment_event(m, url=request.build_absolute_uri(_moment_url(m))) for m in moments]
    name = _("Begeleiding – %(name)s") % {"name": calendar_feed.person.full_name}
    return _ics_response(events, name=name)


@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(person=request.user)
            messages.success(request, _("De agendalink werkt niet meer."))
            return redirect("guidance:calendar_settings")
        token = services.renew_calendar_feed(person=request.user)
    feed_url = (
        request.build_absolute_uri(reverse("guidance:feed", kwargs={"token": token}))
        if token
        else None
    )
    context = {"calendar_feed": queries.calendar_feed_of(request.user), "feed_url": feed_url}
    return render(request, "guidance/calendar_settings.html", context)


@require_http_methods(["GET", "POST"])
def series_plan(request):
    _permit(request, "guidance.plan_moments")
    form = SeriesForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        series = services.plan_series(**form.cleaned_data, by=request.user)
        messages.success(request, _("De reeks is gepland."))
        return redirect("guidance:series_detail", uuid=series.uuid)
    return render(request, "guidance/series_plan.html", {"form": form})


@require_http_methods(["GET", "POST"])
def series_detail(request, uuid):
    series = queries.get_series_for(request.user, uuid)
    _permit(request, "guidance.view_series", series)
    dates = series_dates(
        first_date=series.first_date,
        until=series.until,
        weekday=series.weekday,
        interval_weeks=RECURRENCE_INTERVAL_WEEKS[series.recurrence],
    )
    form = OccurrenceForm(dates, request.POST or None)
    if request.method == "POST":
        _permit(request, "guidance.change_series", series)
        if form.is_valid():
            data = form.cleaned_data
            services.change_occurrence(
                series=series,
                original_date=data["original_date"],
                kind=data["kind"],
                moved_to=data.get("moved_to"),
                by=request.user,
            )
            messages.success(request, _("De reeks is aangepast."))
            return redirect("guidance:series_detail", uuid=series.uuid)
    moments = _listed(series.moments.only(*LISTED_FIELDS), overlaps=False)[0]
    context = {
        "series": series,
        "moments": moments,
        "form": form,
        "can_change": request.user.has_perm("guidance.change_series", series),
    }
    return render(request, "guidance/series_detail.html", context)


@require_GET
def enrolment_guidance(request, uuid):
    enrolment = get_enrolment_for(request.user, uuid)
    _permit(request, "guidance.view_enrolment_guidance", enrolment)
    record_access(request=request, subject=enrolment.learner, what=_("begeleiding en balans"))
    [summary] = queries.summarise([enrolment])
    moments, overlaps = _listed(
        GuidanceMoment.objects.filter(learners__enrolment=enrolment)
        .only(*LISTED_FIELDS)
        .order_by("-starts_at", "-id")[:30]
    )
    context = {
        "enrolment": enrolment,
        "summary": summary,
        "moments": moments,
        "overlaps": overlaps,
        "can_plan": request.user.has_perm("guidance.plan_for_enrolment", enrolment),
        "statuses": MomentStatus,
    }
    return render(request, "guidance/enrolment_guidance.html", context)


@require_http_methods(["GET", "POST"])
def team_settings(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "guidance.manage_team_guidance", team)
    form = TeamSettingsForm(request.POST or None, instance=queries.settings_for_team(team))
    if request.method == "POST" and form.is_valid():
        services.save_team_settings(team=team, values=form.cleaned_data, by=request.user)
        messages.success(request, _("De afspraken zijn opgeslagen."))
        return redirect("guidance:team_settings", uuid=team.uuid)
    return render(request, "guidance/team_settings.html", {"form": form, "team": team})


@require_http_methods(["GET", "POST"])
def team_capacity(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "guidance.view_team_capacity", team)
    form = None
    if request.POST:
        form = ReservationForm(queries.guiding_people_of_team(team), request.POST)
        if form.is_valid():
            services.reserve_capacity(team=team, **form.cleaned_data, by=request.user)
            messages.success(request, _("De gereserveerde tijd is vastgelegd."))
            return redirect("guidance:team_capacity", uuid=team.uuid)
    rows = queries.team_capacity(team)
    if form is None:
        # The guiding people of the team are among the rows: no second read of them.
        form = ReservationForm([row.person for row in rows if row.guiding])
    context = {
        "team": team,
        "rows": rows,
        "reservations": _with_urls(
            queries.reservations_of_team(team), "guidance:reservation_delete", "delete_url"
        ),
        "form": form,
    }
    return render(request, "guidance/team_capacity.html", context)


@require_POST
def reservation_delete(request, uuid):
    reservation = queries.get_reservation_for(request.user, uuid)
    _permit(request, "guidance.manage_reservation", reservation)
    services.remove_reservation(reservation=reservation, by=request.user)
    messages.success(request, _("De reservering is verwijderd."))
    return redirect("guidance:team_capacity", uuid=reservation.team.uuid)
