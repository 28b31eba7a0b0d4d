from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import queries
from ..forms import SigningRequirementsForm
from ..services.qualifications import QUALIFICATIONS, save_signing_requirements


@require_http_methods(["GET", "POST"])
def signing_requirements(request):
    if not request.user.has_perm("assessment.manage_signing_requirements"):
        raise PermissionDenied
    form = SigningRequirementsForm(
        request.POST or None,
        qualifications=QUALIFICATIONS,
        current=queries.signing_requirements_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        save_signing_requirements(
            organisation=request.user.organisation, settings=form.settings(), by=request.user
        )
        messages.success(request, _("De eisen om te ondertekenen zijn opgeslagen."))
        return redirect("assessment:signing_requirements")
    return render(request, "assessment/signing_requirements.html", {"form": form})
