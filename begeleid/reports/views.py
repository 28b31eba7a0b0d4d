from django.shortcuts import render
from django.views.decorators.http import require_GET

from begeleid.assessment.queries import home_context as assessment_home
from begeleid.collaboration.queries import home_context as collaboration_home
from begeleid.guidance.queries import home_context
from begeleid.organisations.queries import memberships_of

from .home import sections_for


@require_GET
def home(request):
    context = {
        "sections": sections_for(request.user),
        "memberships": memberships_of(request.user),
    }
    context.update(home_context(request.user, context["sections"], request.GET))
    context.update(collaboration_home(request.user, context["sections"]))
    context.update(assessment_home(request.user, context["sections"]))
    return render(request, "reports/home.html", context)
