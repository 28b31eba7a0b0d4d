from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import queries
from ..forms import PolicyForm
from ..models import AssessmentPolicy
from ..policy import plain_dutch
from ..services.decisions import POLICY_FIELDS, save_policy


def _policy(programme):
    return AssessmentPolicy.objects.filter(programme=programme).first() or AssessmentPolicy(
        programme=programme, organisation_id=programme.organisation_id
    )


@require_GET
def policy_detail(request, uuid):
    programme = queries.get_programme_for(request.user, uuid)
    if not request.user.has_perm("assessment.view_policy", programme):
        raise PermissionDenied
    policy = _policy(programme)
    context = {"programme": programme, "policy": policy, "lines": plain_dutch(policy)}
    return render(request, "assessment/policy_detail.html", context)


@require_http_methods(["GET", "POST"])
def policy_edit(request, uuid):
    programme = queries.get_programme_for(request.user, uuid)
    if not request.user.has_perm("assessment.manage_policy", programme):
        raise PermissionDenied
    form = PolicyForm(request.POST or None, instance=_policy(programme))
    if request.method == "POST" and form.is_valid():
        save_policy(
            programme=programme,
            by=request.user,
            **{name: form.cleaned_data[name] for name in POLICY_FIELDS},
        )
        messages.success(request, _("Het beoordelingsbeleid is opgeslagen."))
        return redirect("assessment:policy_detail", uuid=programme.uuid)
    return render(request, "assessment/policy_edit.html", {"programme": programme, "form": form})
