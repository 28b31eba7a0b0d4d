from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import queries, services
from ..forms import StatementForm, VisionForm


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@require_GET
def vision(request):
    published = queries.published_vision(request.user)
    context = {
        "vision": published,
        "groups": queries.statements_by_question(published.statements.all()) if published else [],
        "can_manage": request.user.has_perm("collaboration.manage_vision"),
    }
    return render(request, "collaboration/vision.html", context)


@require_GET
def vision_versions(request):
    _permit(request, "collaboration.manage_vision")
    versions = queries.vision_versions(request.user)
    return render(request, "collaboration/vision_versions.html", {"versions": versions})


@require_POST
def vision_create_draft(request):
    _permit(request, "collaboration.manage_vision")
    draft = services.create_vision_draft(organisation=request.user.organisation, by=request.user)
    return redirect("collaboration:vision_detail", uuid=draft.uuid)


@require_GET
def vision_detail(request, uuid):
    version = queries.get_vision_for(request.user, uuid)
    _permit(request, "collaboration.view_vision_version", version)
    context = {
        "vision": version,
        "groups": queries.statements_by_question(version.statements.all()),
        "can_edit": request.user.has_perm("collaboration.edit_vision", version),
    }
    return render(request, "collaboration/vision_detail.html", context)


@require_http_methods(["GET", "POST"])
def vision_edit(request, uuid):
    version = queries.get_vision_for(request.user, uuid)
    _permit(request, "collaboration.edit_vision", version)
    form = VisionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        services.update_vision(vision=version, by=request.user, **form.cleaned_data)
        return redirect("collaboration:vision_detail", uuid=version.uuid)
    return render(request, "collaboration/vision_form.html", {"form": form, "vision": version})


@require_POST
def vision_publish(request, uuid):
    version = queries.get_vision_for(request.user, uuid)
    _permit(request, "collaboration.edit_vision", version)
    try:
        services.publish_vision(vision=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("collaboration:vision_detail", uuid=version.uuid)
    messages.success(request, _("De visie is gepubliceerd; de vorige versie is gearchiveerd."))
    return redirect("collaboration:vision")


@require_http_methods(["GET", "POST"])
def statement_add(request, uuid):
    version = queries.get_vision_for(request.user, uuid)
    _permit(request, "collaboration.edit_vision", version)
    form = StatementForm(request.POST or None, initial={"question": request.GET.get("question")})
    if request.method == "POST" and form.is_valid():
        services.save_statement(vision=version, by=request.user, **form.cleaned_data)
        return redirect("collaboration:vision_detail", uuid=version.uuid)
    context = {"form": form, "vision": version}
    return render(request, "collaboration/statement_form.html", context)


@require_http_methods(["GET", "POST"])
def statement_edit(request, uuid):
    statement = queries.get_statement_for(request.user, uuid)
    _permit(request, "collaboration.edit_vision", statement.vision)
    form = StatementForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        services.save_statement(
            vision=statement.vision, statement=statement, by=request.user, **form.cleaned_data
        )
        return redirect("collaboration:vision_detail", uuid=statement.vision.uuid)
    context = {"form": form, "vision": statement.vision, "statement": statement}
    return render(request, "collaboration/statement_form.html", context)


@require_POST
def statement_delete(request, uuid):
    statement = queries.get_statement_for(request.user, uuid)
    _permit(request, "collaboration.edit_vision", statement.vision)
    services.delete_statement(statement=statement, by=request.user)
    return redirect("collaboration:vision_detail", uuid=statement.vision.uuid)
