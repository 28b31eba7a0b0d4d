from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import queries
from ..services.rubrics import RubricError, new_draft_from, publish_rubric_version


@require_GET
def rubric_list(request):
    if not request.user.has_perm("assessment.view_rubrics"):
        raise PermissionDenied
    return render(
        request, "assessment/rubric_list.html", {"rubrics": queries.rubrics_for(request.user)}
    )


@require_GET
def rubric_version_detail(request, uuid):
    version = queries.get_rubric_version_for(request.user, uuid)
    if not request.user.has_perm("assessment.view_rubric", version):
        raise PermissionDenied
    levels, rows = queries.rubric_grid(version)
    context = {"version": version, "levels": levels, "rows": rows}
    return render(request, "assessment/rubric_version_detail.html", context)


@require_POST
def rubric_version_publish(request, uuid):
    version = queries.get_rubric_version_for(request.user, uuid)
    if not request.user.has_perm("assessment.manage_rubric", version):
        raise PermissionDenied
    try:
        publish_rubric_version(version=version, by=request.user)
    except RubricError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De versie is gepubliceerd en kan niet meer veranderen."))
    return redirect("assessment:rubric_version_detail", uuid=version.uuid)


@require_POST
def rubric_version_new_draft(request, uuid):
    version = queries.get_rubric_version_for(request.user, uuid)
    if not request.user.has_perm("assessment.manage_rubric", version):
        raise PermissionDenied
    try:
        draft = new_draft_from(version=version, by=request.user)
    except RubricError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:rubric_version_detail", uuid=version.uuid)
    messages.success(
        request, _("Nieuw concept gemaakt op basis van versie %(n)s.") % {"n": version.number}
    )
    return redirect("assessment:rubric_version_detail", uuid=draft.uuid)
