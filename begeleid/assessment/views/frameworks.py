from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import queries
from ..forms import FrameworkImportForm
from ..services.framework_export import export_case, export_csv
from ..services.frameworks import FrameworkImportError, import_framework


@require_GET
def framework_list(request):
    if not request.user.has_perm("assessment.view_frameworks"):
        raise PermissionDenied
    return render(
        request,
        "assessment/framework_list.html",
        {"frameworks": queries.frameworks_for(request.user)},
    )


@require_GET
def framework_detail(request, uuid):
    framework = queries.get_framework_for(request.user, uuid)
    if not request.user.has_perm("assessment.view_framework", framework):
        raise PermissionDenied
    context = {"framework": framework, "items": queries.framework_tree(framework)}
    return render(request, "assessment/framework_detail.html", context)


@require_http_methods(["GET", "POST"])
def framework_import(request):
    if not request.user.has_perm("assessment.manage_frameworks"):
        raise PermissionDenied
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_framework(
                organisation=request.user.organisation,
                content=form.content,
                name=form.cleaned_data["file"].name,
                by=request.user,
            )
        except FrameworkImportError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _(
                    "Kader ingelezen: %(created)s nieuw, %(updated)s bijgewerkt, %(removed)s vervallen."
                )
                % {"created": result.created, "updated": result.updated, "removed": result.removed},
            )
            return redirect("assessment:framework_detail", uuid=result.framework.uuid)
    return render(request, "assessment/framework_import.html", {"form": form, "errors": errors})


@require_GET
def framework_export(request, uuid):
    framework = queries.get_framework_for(request.user, uuid)
    if not request.user.has_perm("assessment.export_framework", framework):
        raise PermissionDenied
    if request.GET.get("format") == "csv":
        body, kind, ext = export_csv(framework), "text/csv", "csv"
    else:
        body, kind, ext = export_case(framework), "application/json", "json"
    response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kader-{framework.uuid}.{ext}"'
    return response
