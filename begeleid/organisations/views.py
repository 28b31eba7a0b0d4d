"""The functional admin's management screens and the audit and access logs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleid.core.audit import record_access

from . import forms, queries, services

PAGE_SIZE = 25
# Stored in the access log in the source language, like every other entry.
PROFILE_ACCESS = gettext_noop("profiel en rollen")


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_string(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _call(form, service, **kwargs):
    """Run a service; a rule it enforces on save becomes a form error instead of a crash.

    A bound model form has already copied its input onto the instance; the services
    re-read the row under a lock, so they compare against what is stored.
    """
    try:
        return service(**kwargs)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


# People


@require_GET
def people(request):
    _permit(request, "organisations.manage_organisation")
    form = forms.PeopleFilterForm(request.GET or None, user=request.user)
    f = form.filters()
    rows = queries.search_people(
        request.user,
        query=f.get("q", ""),
        team=f.get("team"),
        role=f.get("role", ""),
        status=f.get("status", ""),
    )
    context = {"form": form, "page": _page(request, rows), "query_string": _query_string(request)}
    return render(request, "organisations/people.html", context)


@require_http_methods(["GET", "POST"])
def person_create(request):
    _permit(request, "organisations.manage_organisation")
    organisation = request.user.organisation
    form = forms.PersonForm(request.POST or None, organisation=organisation)
    if form.is_valid():
        person = _call(
            form,
            services.create_person,
            organisation=organisation,
            by=request.user,
            **form.cleaned_data,
        )
        if person:
            messages.success(request, _("%(name)s is toegevoegd.") % {"name": person.full_name})
            return redirect("organisations:person_detail", uuid=person.uuid)
    return render(request, "organisations/person_form.html", {"form": form})


@require_GET
def person_detail(request, uuid):
    person = queries.get_person_for(request.user, uuid)
    _permit(request, "organisations.manage_person", person)
    record_access(request=request, subject=person, what=PROFILE_ACCESS)
    context = {"person": person, "memberships": queries.memberships_of(person)}
    return render(request, "organisations/person_detail.html", context)


@require_http_methods(["GET", "POST"])
def person_edit(request, uuid):
    person = queries.get_person_for(request.user, uuid)
    _permit(request, "organisations.manage_person", person)
    form = forms.PersonForm(request.POST or None, organisation=person.organisation, instance=person)
    if form.is_valid() and _call(
        form, services.update_person, person=person, by=request.user, **form.cleaned_data
    ):
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("organisations:person_detail", uuid=uuid)
    return render(request, "organisations/person_form.html", {"form": form, "person": person})


def _set_person_active(request, uuid, active: bool):
    person = queries.get_person_for(request.user, uuid)
    _permit(request, "organisations.deactivate_person", person)
    services.set_person_active(person=person, active=active, by=request.user)
    if active:
        messages.success(request, _("%(name)s is weer actief.") % {"name": person.full_name})
    else:
        messages.success(
            request,
            _("%(name)s is gedeactiveerd en kan niet meer inloggen.") % {"name": person.full_name},
        )
    return redirect("organisations:person_detail", uuid=uuid)


@require_POST
def person_deactivate(request, uuid):
    return _set_person_active(request, uuid, active=False)


@require_POST
def person_reactivate(request, uuid):
    return _set_person_active(request, uuid, active=True)


@require_POST
def person_password_reset(request, uuid):
    person = queries.get_person_for(request.user, uuid)
    _permit(request, "organisations.send_password_reset", person)
    services.send_password_reset(person=person, by=request.user, request=request)
    messages.success(
        request,
        _("Er is een e-mail met een link om een wachtwoord te kiezen gestuurd naar %(email)s.")
        % {"email": person.email},
    )
    return redirect("organisations:person_detail", uuid=uuid)


# Roles


@require_http_methods(["GET", "POST"])
def membership_create(request, uuid):
    person = queries.get_person_for(request.user, uuid)
    _permit(request, "organisations.add_membership", person)
    form = forms.MembershipForm(request.POST or None, person=person)
    if form.is_valid() and _call(
        form, services.add_membership, person=person, by=request.user, **form.cleaned_data
    ):
        messages.success(request, _("De rol is toegevoegd."))
        return redirect("organisations:person_detail", uuid=uuid)
    return render(request, "organisations/membership_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def membership_end(request, uuid):
    membership = queries.get_membership_for(request.user, uuid)
    _permit(request, "organisations.end_membership", membership)
    form = forms.EndMembershipForm(request.POST or None, instance=membership)
    if form.is_valid():
        valid_until = form.cleaned_data["valid_until"]
        if _call(
            form,
            services.end_membership,
            membership=membership,
            valid_until=valid_until,
            by=request.user,
        ):
            messages.success(request, _("De rol is beëindigd."))
            return redirect("organisations:person_detail", uuid=membership.person.uuid)
    context = {"form": form, "membership": membership, "person": membership.person}
    return render(request, "organisations/membership_end.html", context)


# Teams


@require_GET
def teams(request):
    _permit(request, "organisations.manage_organisation")
    form = forms.TeamFilterForm(request.GET or None)
    rows = queries.search_teams(request.user, query=form.filters().get("q", ""))
    context = {"form": form, "page": _page(request, rows), "query_string": _query_string(request)}
    return render(request, "organisations/teams.html", context)


@require_http_methods(["GET", "POST"])
def team_create(request):
    _permit(request, "organisations.manage_organisation")
    organisation = request.user.organisation
    form = forms.TeamForm(request.POST or None, organisation=organisation)
    if form.is_valid() and _call(
        form,
        services.create_team,
        organisation=organisation,
        by=request.user,
        **form.cleaned_data,
    ):
        messages.success(request, _("Het team is aangemaakt."))
        return redirect("organisations:teams")
    return render(request, "organisations/team_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def team_edit(request, uuid):
    team = queries.get_team_for(request.user, uuid)
    _permit(request, "organisations.manage_team", team)
    form = forms.TeamForm(request.POST or None, organisation=team.organisation, instance=team)
    if form.is_valid() and _call(
        form, services.update_team, team=team, by=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Het team is opgeslagen."))
        return redirect("organisations:teams")
    return render(request, "organisations/team_form.html", {"form": form, "team": team})


def _set_team_active(request, uuid, active: bool):
    team = queries.get_team_for(request.user, uuid)
    _permit(request, "organisations.manage_team", team)
    services.set_team_active(team=team, active=active, by=request.user)
    if active:
        messages.success(request, _("%(name)s is weer actief.") % {"name": team.name})
    else:
        messages.success(request, _("%(name)s is gedeactiveerd.") % {"name": team.name})
    return redirect("organisations:team_edit", uuid=uuid)


@require_POST
def team_deactivate(request, uuid):
    return _set_team_active(request, uuid, active=False)


@require_POST
def team_reactivate(request, uuid):
    return _set_team_active(request, uuid, active=True)


# Professions


@require_GET
def professions(request):
    _permit(request, "organisations.manage_organisation")
    form = forms.TeamFilterForm(request.GET or None)
    rows = queries.search_professions(request.user, query=form.filters().get("q", ""))
    context = {"form": form, "page": _page(request, rows), "query_string": _query_string(request)}
    return render(request, "organisations/professions.html", context)


@require_http_methods(["GET", "POST"])
def profession_create(request):
    _permit(request, "organisations.manage_organisation")
    organisation = request.user.organisation
    form = forms.ProfessionForm(request.POST or None, organisation=organisation)
    if form.is_valid() and _call(
        form,
        services.create_profession,
        organisation=organisation,
        by=request.user,
        **form.cleaned_data,
    ):
        messages.success(request, _("Het beroep is toegevoegd."))
        return redirect("organisations:professions")
    return render(request, "organisations/profession_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def profession_edit(request, uuid):
    profession = queries.get_profession_for(request.user, uuid)
    _permit(request, "organisations.manage_profession", profession)
    form = forms.ProfessionForm(
        request.POST or None, organisation=profession.organisation, instance=profession
    )
    if form.is_valid() and _call(
        form,
        services.update_profession,
        profession=profession,
        by=request.user,
        **form.cleaned_data,
    ):
        messages.success(request, _("Het beroep is opgeslagen."))
        return redirect("organisations:professions")
    context = {"form": form, "profession": profession}
    return render(request, "organisations/profession_form.html", context)


# Logs


@require_GET
def audit_log(request):
    _permit(request, "organisations.read_audit_log")
    form = forms.AuditLogFilterForm(
        request.GET or None,
        actions=queries.audit_actions_for(request.user),
        object_types=queries.audit_object_types_for(request.user),
    )
    page = _page(request, queries.audit_events_for(request.user, **form.filters()))
    for event in page:
        _describe(event)
    context = {"form": form, "page": page, "query_string": _query_string(request)}
    return render(request, "organisations/audit_log.html", context)


def _describe(event):
    """Readable object type and (field, old, new) rows, whatever shape ``changes`` has."""
    event.type_name = forms.object_type_name(event.object_type)
    rows = []
    for name, change in (event.changes or {}).items():
        if isinstance(change, dict) and {"old", "new"} >= set(change) and change:
            rows.append((name, change.get("old"), change.get("new")))
        else:
            rows.append((name, None, change))
    event.change_rows = rows


@require_GET
def access_log(request):
    _permit(request, "organisations.read_audit_log")
    form = forms.AccessLogFilterForm(request.GET or None)
    rows = queries.access_events_for(request.user, **form.filters())
    context = {"form": form, "page": _page(request, rows), "query_string": _query_string(request)}
    return render(request, "organisations/access_log.html", context)
