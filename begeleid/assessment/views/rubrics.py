from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import queries
from ..forms import CriterionForm, NewCriterionForm
from ..services.rubrics import (
    RubricError,
    add_criterion,
    new_draft_from,
    publish_rubric_version,
    save_criterion,
)


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
    context = {"version": version, "levels": levels, "rows": rows, "new_form": NewCriterionForm()}
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


@require_POST
def criterion_add(request, uuid):
    version = queries.get_rubric_version_for(request.user, uuid)
    if not request.user.has_perm("assessment.manage_rubric", version):
        raise PermissionDenied
    form = NewCriterionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef het criterium een naam."))
        return redirect("assessment:rubric_version_detail", uuid=version.uuid)
    try:
        criterion = add_criterion(
            version=version, title=form.cleaned_data["title"], by=request.user
        )
    except RubricError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:rubric_version_detail", uuid=version.uuid)
    return redirect("assessment:criterion_edit", uuid=criterion.uuid)


@require_http_methods(["GET", "POST"])
def criterion_edit(request, uuid):
    criterion = queries.get_criterion_for(request.user, uuid)
    version = criterion.version
    if not request.user.has_perm("assessment.manage_rubric", version):
        raise PermissionDenied
    levels = list(version.scale.levels.all())
    texts = {d.level_id: d.text for d in criterion.descriptors.all()}
    initial = {"title": criterion.title, "description": criterion.description}
    initial |= {"competence": criterion.competence_id}
    initial |= {f"descriptor_{level.pk}": texts.get(level.pk, "") for level in levels}
    form = CriterionForm(
        request.POST or None,
        initial=initial,
        competences=queries.competences_for(request.user),
        levels=levels,
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_criterion(
                criterion=criterion,
                descriptors=form.descriptors(),
                by=request.user,
                **{k: form.cleaned_data[k] for k in ("title", "description", "competence")},
            )
        except RubricError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het criterium is opgeslagen."))
            return redirect("assessment:rubric_version_detail", uuid=version.uuid)
    context = {"criterion": criterion, "version": version, "form": form}
    return render(request, "assessment/criterion_edit.html", context)
