"""Programmes (opleidingstrajecten) and enrolments (leertrajecten)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import forms, queries, services


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _call(form, service, **kwargs):
    """Run a service; a rule it enforces becomes a form error instead of a crash."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


def _call_or_message(request, service, **kwargs):
    try:
        return service(**kwargs)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return None


# Programmes


@require_GET
def programme_list(request):
    _permit(request, "programmes.view_programmes")
    programmes = queries.programme_list_for(request.user)
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@require_http_methods(["GET", "POST"])
def programme_create(request):
    _permit(request, "programmes.manage_programme")
    organisation = request.user.organisation
    form = forms.ProgrammeForm(request.POST or None, organisation=organisation)
    if form.is_valid():
        programme = _call(
            form,
            services.create_programme,
            organisation=organisation,
            by=request.user,
            **form.cleaned_data,
        )
        if programme:
            messages.success(request, _("Het traject is aangemaakt als concept."))
            return redirect(
                "programmes:programme_version_detail", uuid=programme.versions.get().uuid
            )
    return render(request, "programmes/programme_form.html", {"form": form})


@require_GET
def programme_detail(request, uuid):
    programme = queries.get_programme_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", programme)
    versions = programme.versions.all()
    context = {
        "programme": programme,
        "versions": versions,
        "has_draft": any(v.status == "draft" for v in versions),
    }
    return render(request, "programmes/programme_detail.html", context)


@require_POST
def version_new(request, uuid):
    programme = queries.get_programme_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", programme)
    draft = _call_or_message(
        request, services.draft_new_version, programme=programme, by=request.user
    )
    if draft is None:
        return redirect("programmes:programme_detail", uuid=uuid)
    messages.success(request, _("Versie %(n)s is aangemaakt als concept.") % {"n": draft.number})
    return redirect("programmes:programme_version_detail", uuid=draft.uuid)


@require_GET
def version_detail(request, uuid):
    version = queries.get_version_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", version.programme)
    context = {"version": version, "phases": queries.phases_of(version)}
    return render(request, "programmes/version_detail.html", context)


@require_http_methods(["GET", "POST"])
def version_edit(request, uuid):
    version = queries.get_version_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", version.programme)
    initial = {
        "description": version.description,
        "target_professions": list(version.target_professions.all()),
    }
    form = forms.VersionForm(
        request.POST or None, initial=initial, organisation=version.organisation
    )
    if form.is_valid() and _call(
        form, services.update_version, version=version, by=request.user, **form.cleaned_data
    ):
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("programmes:programme_version_detail", uuid=uuid)
    return render(request, "programmes/version_form.html", {"form": form, "version": version})


@require_POST
def version_publish(request, uuid):
    version = queries.get_version_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", version.programme)
    if _call_or_message(request, services.publish_version, version=version, by=request.user):
        messages.success(
            request,
            _("Versie %(n)s is gepubliceerd. Nieuwe leertrajecten starten op deze versie.")
            % {"n": version.number},
        )
    return redirect("programmes:programme_version_detail", uuid=uuid)


@require_http_methods(["GET", "POST"])
def phase_add(request, uuid):
    version = queries.get_version_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", version.programme)
    form = forms.PhaseForm(request.POST or None, initial={"kind": "custom", "typical_weeks": 4})
    if form.is_valid() and _call(
        form, services.add_phase, version=version, by=request.user, **form.phase_data()
    ):
        messages.success(request, _("De fase is toegevoegd."))
        return redirect("programmes:programme_version_detail", uuid=uuid)
    context = {"form": form, "version": version}
    return render(request, "programmes/phase_form.html", context)


@require_http_methods(["GET", "POST"])
def phase_edit(request, uuid):
    phase = queries.get_phase_for(request.user, uuid)
    version = phase.version
    _permit(request, "programmes.manage_programme", version.programme)
    form = forms.PhaseForm(request.POST or None, phase=phase)
    if form.is_valid() and _call(
        form, services.update_phase, phase=phase, by=request.user, **form.phase_data()
    ):
        messages.success(request, _("De fase is opgeslagen."))
        return redirect("programmes:programme_version_detail", uuid=version.uuid)
    context = {"form": form, "version": version, "phase": phase}
    return render(request, "programmes/phase_form.html", context)


@require_POST
def phase_move(request, uuid):
    phase = queries.get_phase_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", phase.version.programme)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    _call_or_message(
        request, services.move_phase, phase=phase, direction=direction, by=request.user
    )
    return redirect("programmes:programme_version_detail", uuid=phase.version.uuid)


@require_POST
def phase_remove(request, uuid):
    phase = queries.get_phase_for(request.user, uuid)
    _permit(request, "programmes.manage_programme", phase.version.programme)
    if _call_or_message(request, services.remove_phase, phase=phase, by=request.user):
        messages.success(request, _("De fase %(name)s is verwijderd.") % {"name": phase.name})
    return redirect("programmes:programme_version_detail", uuid=phase.version.uuid)
