"""The learner's record: overview, timeline, QR code, and who can see what (releases)."""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleid.core.audit import record_access
from begeleid.core.pagecache import cached_body, keeps_page
from begeleid.programmes.queries import get_enrolment_for

from .. import timeline as stream
from ..cards import Cards
from ..forms import ReleaseForm, TimelineFilterForm, timeline_professions
from ..queries import (
    get_release_for,
    overview_for,
    releasable_items,
    released_items,
    releases_visible_to,
    visibility_overview,
)
from ..services import portfolio as services


@require_GET
def overview(request):
    return render(request, "formative/overview.html", overview_for(request.user))


@keeps_page
@require_GET
def timeline(request, uuid):
    enrolment = get_enrolment_for(request.user, uuid)
    if not request.user.has_perm("formative.view_record", enrolment):
        raise PermissionDenied
    record_access(request=request, subject=enrolment.learner, what=_("tijdlijn leerdossier"))

    def body():
        form = TimelineFilterForm(
            request.GET or None,
            professions=timeline_professions(request.user),
            kinds=stream.kind_choices(),
            organisation_id=enrolment.organisation_id,
        )
        filters = form.cleaned_data if form.is_valid() else {}
        items, next_cursor = stream.timeline(
            enrolment,
            kind=filters.get("kind", ""),
            profession=filters.get("profession"),
            competence=filters.get("competence"),
            since=filters.get("since"),
            until=filters.get("until"),
            cursor=stream.decode_cursor(request.GET.get("cursor", "")),
            known_competences=form.competences,
        )
        drawn = Cards()
        query = request.GET.copy()
        query.pop("cursor", None)
        context = {
            "enrolment": enrolment,
            "form": form,
            "items": items,
            "cards": [(item.source, drawn.of(item)) for item in items],
            "next_cursor": next_cursor,
            "query_string": query.urlencode(),
            "is_learner": enrolment.learner_id == request.user.pk,
        }
        return render_to_string("formative/timeline_body.html", context, request)

    # Kept until the record changes (its writes move "enrolment:<pk>", core.freshness).
    context = {
        "enrolment": enrolment,
        "body": cached_body(request, "formative:timeline", [f"enrolment:{enrolment.pk}"], body),
    }
    return render(request, "formative/timeline.html", context)


@require_GET
def qr_code(request, uuid):
    """The learner shows this on their phone; the supervisor's camera opens the form."""
    enrolment = get_enrolment_for(request.user, uuid)
    if not request.user.has_perm("formative.show_qr", enrolment):
        raise PermissionDenied
    url = request.build_absolute_uri(reverse("formative:feedback_create", kwargs={"uuid": uuid}))
    # segno writes only path data and attributes: no script, no style attribute.
    svg = segno.make(url, error="m").svg_inline(
        scale=6, omitsize=True, title=_("QR-code voor feedback")
    )
    return render(
        request,
        "formative/qr_code.html",
        {"enrolment": enrolment, "svg": mark_safe(svg), "url": url},
    )


@require_http_methods(["GET", "POST"])
def visibility(request, uuid):
    """Who can see what: current supervisors see everything; assessors what is released."""
    enrolment = get_enrolment_for(request.user, uuid)
    if not request.user.has_perm("formative.manage_releases", enrolment):
        raise PermissionDenied
    overview = visibility_overview(enrolment)
    feedback, entries = releasable_items(enrolment)
    form = ReleaseForm(
        request.POST or None, assessors=overview["assessors"], feedback=feedback, entries=entries
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.release_items(
            enrolment=enrolment,
            by=request.user,
            assignment=data["assignment_obj"],
            purpose=data["purpose"],
            feedback=list(data["feedback"]),
            entries=list(data["entries"]),
        )
        messages.success(request, _("De gekozen items zijn vrijgegeven."))
        return redirect("formative:visibility", uuid=enrolment.uuid)
    return render(
        request, "formative/visibility.html", {"enrolment": enrolment, "form": form, **overview}
    )


@require_POST
def revoke(request, uuid):
    release = get_release_for(request.user, uuid)
    if not request.user.has_perm("formative.revoke_release", release):
        raise PermissionDenied
    services.revoke_release(release=release, by=request.user)
    messages.success(request, _("De vrijgave is ingetrokken."))
    return redirect("formative:visibility", uuid=release.enrolment.uuid)


@require_GET
def release_detail(request, uuid):
    """What an assessor may read: the items of an active release addressed to them."""
    release = get_object_or_404(
        releases_visible_to(request.user).select_related("enrolment__learner"), uuid=uuid
    )
    if release.enrolment.learner_id == request.user.pk:
        raise Http404
    record_access(request=request, subject=release.enrolment.learner, what=_("vrijgegeven items"))
    feedback, entries = released_items(release)
    drawn = Cards()
    context = {
        "release": release,
        "feedback": feedback,
        "entries": entries,
        "feedback_cards": [drawn.feedback(f) for f in feedback],
        "entry_cards": [drawn.entry(e) for e in entries],
    }
    return render(request, "formative/release_detail.html", context)
