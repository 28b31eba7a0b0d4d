"""Portfolio entries (reflections, self-assessments, evidence, certificates) and files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.core.audit import record_access
from begeleid.programmes.queries import get_enrolment_for

from ..enums import EntryKind
from ..forms import EntryForm
from ..prompts import prompts_for
from ..queries import get_attachment_for, get_entry_for
from ..services import portfolio as services


@require_http_methods(["GET", "POST"])
def create(request, uuid):
    enrolment = get_enrolment_for(request.user, uuid)
    if not request.user.has_perm("formative.add_entry", enrolment):
        raise PermissionDenied
    kind = request.GET.get("kind", EntryKind.REFLECTION)
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        phase=enrolment.current_phase,
        organisation_id=enrolment.organisation_id,
        initial={"kind": kind if kind in EntryKind.values else EntryKind.REFLECTION},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = services.add_entry(
            enrolment=enrolment,
            by=request.user,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            prompt=data["prompt"],
            self_rating=data["self_rating"],
            competences=data["competences"],
            ratings=form.chosen_ratings(),
            files=data["files"],
        )
        messages.success(request, _("Het portfolio-item is opgeslagen."))
        return redirect("formative:entry_detail", uuid=entry.uuid)
    context = {
        "form": form,
        "enrolment": enrolment,
        "prompts": prompts_for(enrolment.current_phase),
    }
    return render(request, "formative/entry_form.html", context)


@require_GET
def detail(request, uuid):
    entry = get_entry_for(request.user, uuid)
    record_access(request=request, subject=entry.enrolment.learner, what=_("portfolio-item"))
    return render(request, "formative/entry_detail.html", {"entry": entry})


@require_GET
def download(request, uuid):
    """Files are only ever served here, after the visibility check; never inline."""
    attachment = get_attachment_for(request.user, uuid)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    record_access(
        request=request,
        subject=attachment.entry.enrolment.learner,
        what=_("bestand %(name)s") % {"name": attachment.original_name},
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
