"""Asking for feedback, and answering: as a colleague, or through a one-time link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from begeleid.organisations.queries import people_for
from begeleid.programmes.queries import get_enrolment_for

from ..enums import RequestState
from ..forms import ExternalResponseForm, FeedbackForm, FeedbackRequestForm
from ..queries import get_request_for, requests_of
from ..services import requests as services

STRUCTURED = ("narrative", "went_well", "to_improve", "next_step")


def _closed(request, request_obj, state):
    """An answered, withdrawn or expired link: 410 Gone, with a page that says which."""
    return render(
        request,
        "formative/request_closed.html",
        {"state": state, "states": RequestState, "request_obj": request_obj},
        status=410,
    )


@require_http_methods(["GET", "POST"])
def request_list(request, uuid):
    enrolment = get_enrolment_for(request.user, uuid)
    if not request.user.has_perm("formative.request_feedback", enrolment):
        raise PermissionDenied
    people = people_for(request.user).filter(is_active=True).exclude(pk=request.user.pk)
    form = FeedbackRequestForm(request.POST or None, people=people.order_by("full_name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.request_feedback(
                enrolment=enrolment,
                by=request.user,
                question=data["question"],
                recipient=data["recipient"],
                email=data["email"],
                name=data["name"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Je feedbackverzoek is verstuurd."))
            return redirect("formative:request_list", uuid=enrolment.uuid)
    context = {"enrolment": enrolment, "form": form, "requests": requests_of(enrolment)}
    return render(request, "formative/request_list.html", context)


@require_POST
def withdraw(request, uuid):
    request_obj = get_request_for(request.user, uuid)
    if not request.user.has_perm("formative.withdraw_request", request_obj):
        raise PermissionDenied
    services.withdraw_request(request_obj=request_obj, by=request.user)
    messages.success(request, _("Het verzoek is ingetrokken; de link werkt niet meer."))
    return redirect("formative:request_list", uuid=request_obj.enrolment.uuid)


@require_http_methods(["GET", "POST"])
def respond(request, uuid):
    """A colleague answers a request addressed to them (a task on their home page)."""
    request_obj = get_request_for(request.user, uuid)
    if not request.user.has_perm("formative.respond_request", request_obj):
        raise PermissionDenied
    if request_obj.state() != RequestState.OPEN:
        return _closed(request, request_obj, request_obj.state())
    form = FeedbackForm(request.POST or None, organisation_id=request_obj.organisation_id)
    del form.fields["kind"], form.fields["competences"]
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_request(
                request_obj=request_obj,
                by=request.user,
                **{k: form.cleaned_data[k] for k in STRUCTURED},
            )
        except services.RequestClosed as closed:
            return _closed(request, request_obj, closed.state)
        messages.success(request, _("Dank je wel! Je feedback is doorgegeven."))
        return redirect("reports:home")
    context = {"form": form, "request_obj": request_obj, "external": False}
    return render(request, "formative/request_respond.html", context)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def external_respond(request, token):
    """Someone without an account answers through the one-time link (forged: 404)."""
    request_obj = services.find_by_token(token)
    if request_obj.state() != RequestState.OPEN:
        return _closed(request, request_obj, request_obj.state())
    form = ExternalResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.respond_to_request(
                request_obj=request_obj,
                external_name=data["name"],
                external_profession=data["profession"],
                **{k: data[k] for k in STRUCTURED},
            )
        except services.RequestClosed as closed:
            return _closed(request, request_obj, closed.state)
        return render(request, "formative/request_thanks.html", {"request_obj": request_obj})
    context = {"form": form, "request_obj": request_obj, "external": True}
    return render(request, "formative/request_respond.html", context)
