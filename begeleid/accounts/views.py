from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from begeleid.core.demo import personas
from begeleid.core.models import AccessEvent
from begeleid.organisations.queries import memberships_of

from .forms import LoginForm


@login_not_required
def login(request):
    extra = {"demo_personas": personas() if settings.DEMO_MODE else []}
    return auth_views.LoginView.as_view(
        authentication_form=LoginForm,
        template_name="accounts/login.html",
        redirect_authenticated_user=True,
        extra_context=extra,
    )(request)


@require_GET
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"memberships": memberships_of(request.user), "person": request.user},
    )


@require_GET
def my_access_log(request):
    events = AccessEvent.objects.filter(subject=request.user).select_related("viewer")
    page = Paginator(events, 25).get_page(request.GET.get("page"))
    return render(request, "accounts/my_access_log.html", {"page": page})
