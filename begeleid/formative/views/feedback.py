"""Recording feedback (the fast path from a phone), reading, correcting and reacting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from begeleid.core.audit import record_access
from begeleid.core.pagecache import cached_body, keeps_page

from .. import conf
from ..forms import FeedbackForm, ReactionForm
from ..queries import get_enrolment_to_give_feedback, get_feedback_for, recent_moments
from ..services import feedback as services


@keeps_page
@require_http_methods(["GET", "POST"])
def create(request, uuid):
    """The quick form: kind preselected, narrative focused, one tap to save."""
    enrolment = get_enrolment_to_give_feedback(request.user, uuid)
    if not request.user.has_perm("formative.give_feedback", enrolment):
        raise PermissionDenied

    def blank_form():
        form = FeedbackForm(
            initial={"kind": request.GET.get("kind", "feedback")},
            organisation_id=enrolment.organisation_id,
            moments=recent_moments(enrolment),
        )
        context = {"form": form, "enrolment": enrolment}
        return render_to_string("formative/feedback_form_body.html", context, request)

    if request.method == "GET":
        # The blank form shows the learner, their phase, their recent moments and the
        # organisation's competences, none of them feedback or notifications: it stays
        # the same until anything else is written ("global", core.freshness), which
        # recording feedback is not.
        body = cached_body(request, "formative:feedback_create", [], blank_form)
        return render(request, "formative/feedback_form.html", {"body": body})
    form = FeedbackForm(
        request.POST,
        organisation_id=enrolment.organisation_id,
        moments=recent_moments(enrolment),
    )
    if form.is_valid():
        feedback = services.record_feedback(
            enrolment=enrolment, by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("Feedback voor %(name)s is opgeslagen.") % {"name": enrolment.learner.full_name},
        )
        return redirect("formative:feedback_detail", uuid=feedback.uuid)
    return render(request, "formative/feedback_form.html", {"form": form, "enrolment": enrolment})


@require_http_methods(["GET"])
def detail(request, uuid):
    feedback = get_feedback_for(request.user, uuid)
    record_access(request=request, subject=feedback.enrolment.learner, what=_("feedback"))
    context = {
        "feedback": feedback,
        "reaction_form": ReactionForm(),
        "can_react": request.user.has_perm("formative.react_feedback", feedback),
        "can_edit": request.user.has_perm("formative.edit_feedback", feedback),
        "edit_hours": conf.edit_window_hours(),
    }
    return render(request, "formative/feedback_detail.html", context)


@require_http_methods(["GET", "POST"])
def edit(request, uuid):
    feedback = get_feedback_for(request.user, uuid)
    if not request.user.has_perm("formative.edit_feedback", feedback):
        raise PermissionDenied
    initial = {name: getattr(feedback, name) for name in services.EDITABLE}
    initial["competences"] = list(feedback.competences.all())
    form = FeedbackForm(
        request.POST or None, initial=initial, organisation_id=feedback.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        services.edit_feedback(feedback=feedback, by=request.user, **form.cleaned_data)
        messages.success(request, _("De feedback is aangepast; de vorige versie is bewaard."))
        return redirect("formative:feedback_detail", uuid=feedback.uuid)
    context = {"form": form, "enrolment": feedback.enrolment, "feedback": feedback}
    return render(request, "formative/feedback_form.html", context)


@require_POST
def react(request, uuid):
    feedback = get_feedback_for(request.user, uuid)
    if not request.user.has_perm("formative.react_feedback", feedback):
        raise PermissionDenied
    form = ReactionForm(request.POST)
    if form.is_valid():
        services.react_to_feedback(
            feedback=feedback, by=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Je reactie is geplaatst."))
        return redirect("formative:feedback_detail", uuid=feedback.uuid)
    context = {"feedback": feedback, "reaction_form": form, "can_react": True, "can_edit": False}
    return render(request, "formative/feedback_detail.html", context, status=400)
