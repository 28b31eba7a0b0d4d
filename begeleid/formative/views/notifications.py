from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import PreferenceForm
from ..queries import notifications_of, unread_count
from ..services import notifications as services


@require_GET
def notification_list(request):
    page = Paginator(notifications_of(request.user), 25).get_page(request.GET.get("page"))
    context = {"page": page, "unread": unread_count(request.user)}
    return render(request, "formative/notifications.html", context)


@require_POST
def mark_read(request):
    services.mark_all_read(person=request.user)
    messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("formative:notifications")


@require_http_methods(["GET", "POST"])
def preferences(request):
    current = services.email_mode_of(request.user)
    form = PreferenceForm(request.POST or None, initial={"email_mode": current})
    if request.method == "POST" and form.is_valid():
        services.set_email_mode(person=request.user, email_mode=form.cleaned_data["email_mode"])
        messages.success(request, _("Je voorkeur is opgeslagen."))
        return redirect("formative:notifications")
    return render(request, "formative/notification_preferences.html", {"form": form})
