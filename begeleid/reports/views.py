from django.shortcuts import render
from django.views.decorators.http import require_GET

from begeleid.assessment.queries import home_context as assessment_home
from begeleid.collaboration.queries import home_context as collaboration_home
from begeleid.formative.figures import UNREAD_NOTIFICATIONS
from begeleid.guidance.queries import home_context
from begeleid.organisations.queries import memberships_of, want_person_figures

from .home import sections_for


@require_GET
def home(request):
    # The inbox count comes with the roles read (no query of its own).
    want_person_figures(request.user, UNREAD_NOTIFICATIONS)
    context = {
        "sections": sections_for(request.user),
        "memberships": memberships_of(request.user),
    }
    context.update(home_context(request.user, context["sections"], request.GET))
    context.update(collaboration_home(request.user, context["sections"]))
    context.update(assessment_home(request.user, context["sections"]))
    return render(request, "reports/home.html", context)
