"""Enrolments (leertrajecten): the team's list, enrolling, and one learner's path."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleid.core.audit import record_access

from . import forms, queries, services
from .views import _call, _call_or_message, _permit

# Stored in the access log in the source language, like every other entry.
ENROLMENT_ACCESS = gettext_noop("leertraject")


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def enrolment_list(request):
    _permit(request, "programmes.view_enrolment_list")
    form = forms.EnrolmentFilterForm(request.GET or None, user=request.user)
    page = queries.team_overview_page(request.user, form.filters(), request.GET.get("page"))
    context = {"form": form, "page": page, "query_string": _query_string(request)}
    return render(request, "programmes/enrolment_list.html", context)


@require_http_methods(["GET", "POST"])
def enrol(request):
    _permit(request, "programmes.enrol_learner")
    form = forms.EnrolForm(request.POST or None, user=request.user)
    if form.is_valid():
        if not request.user.has_perm("programmes.enrol_learner", form.cleaned_data["team"]):
            raise PermissionDenied
        enrolment = _call(form, services.enrol_learner, by=request.user, **form.cleaned_data)
        if enrolment:
            messages.success(request, _("%(name)s is ingeschreven.") % {"name": enrolment.learner})
            return redirect("programmes:enrolment_detail", uuid=enrolment.uuid)
    return render(request, "programmes/enrol_form.html", {"form": form})


@require_GET
def enrolment_detail(request, uuid):
    enrolment = queries.get_enrolment_for(request.user, uuid)
    _permit(request, "programmes.view_enrolment", enrolment)
    record_access(request=request, subject=enrolment.learner, what=ENROLMENT_ACCESS)
    context = {
        "enrolment": enrolment,
        "phase": enrolment.current_phase,
        "phases": queries.phases_of(enrolment.version),
        "history": queries.phase_history(enrolment),
        "assignments": enrolment.assignments.all(),
    }
    return render(request, "programmes/enrolment_detail.html", context)


def _enrolment_form(request, uuid, perm, form_class, service, template_title, **fields):
    enrolment = queries.get_enrolment_for(request.user, uuid)
    _permit(request, perm, enrolment)
    extra = {"user": request.user} if form_class is forms.AssignmentForm else {}
    form = form_class(request.POST or None, enrolment=enrolment, **extra)
    if form.is_valid() and _call(
        form, service, enrolment=enrolment, by=request.user, **form.cleaned_data
    ):
        messages.success(request, _("De wijziging is opgeslagen."))
        return redirect("programmes:enrolment_detail", uuid=uuid)
    context = {"form": form, "enrolment": enrolment, "title": template_title}
    return render(request, "programmes/enrolment_form.html", context)


@require_http_methods(["GET", "POST"])
def enrolment_phase(request, uuid):
    return _enrolment_form(
        request,
        uuid,
        "programmes.change_phase",
        forms.PhaseChangeForm,
        services.change_phase,
        _("Fase wijzigen"),
    )


@require_http_methods(["GET", "POST"])
def enrolment_status(request, uuid):
    return _enrolment_form(
        request,
        uuid,
        "programmes.change_enrolment_status",
        forms.StatusChangeForm,
        services.change_enrolment_status,
        _("Status wijzigen"),
    )


@require_http_methods(["GET", "POST"])
def assignment_add(request, uuid):
    return _enrolment_form(
        request,
        uuid,
        "programmes.manage_assignments",
        forms.AssignmentForm,
        services.assign_supervisor,
        _("Begeleider toevoegen"),
    )


@require_POST
def assignment_end(request, uuid):
    assignment = queries.get_assignment_for(request.user, uuid)
    enrolment = assignment.enrolment
    _permit(request, "programmes.manage_assignments", enrolment)
    if _call_or_message(request, services.end_assignment, assignment=assignment, by=request.user):
        messages.success(
            request, _("De begeleiding door %(name)s is beëindigd.") % {"name": assignment.person}
        )
    return redirect("programmes:enrolment_detail", uuid=enrolment.uuid)
