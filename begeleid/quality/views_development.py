"""Supervisor development: own page, team overview, self-assessment, training, recognition."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.organisations.queries import get_team_for, people_for

from . import queries_development as queries
from . import services_development as services
from .forms_development import RecognitionForm, SelfAssessmentForm, TrainingRecordForm
from .queries_survey import survey_results
from .rules_embedding import is_supervising


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _person(request, uuid):
    return get_object_or_404(people_for(request.user), uuid=uuid)


@require_GET
def development_home(request):
    _permit(request, "quality.view_development_list")
    context = {
        "own": is_supervising(request.user),
        "teams": queries.development_teams_for(request.user),
    }
    return render(request, "quality/development/home.html", context)


@require_GET
def development_person(request, uuid):
    person = _person(request, uuid)
    _permit(request, "quality.view_development", person)
    ids = [person.pk]
    context = {
        "person": person,
        "latest": queries.latest_self_assessments(ids).get(person.pk, {}),
        "history": queries.self_assessment_history(person),
        "records": queries.training_records_of(person),
        "intervisions": queries.intervision_counts(ids).get(person.pk, 0),
        "recognition": queries.recognition_of(person),
        "survey": survey_results(organisation=person.organisation, supervisor=person),
        "can_assess": request.user.has_perm("quality.edit_self_assessment", person),
        "can_train": request.user.has_perm("quality.add_training_record", person),
        "can_recognise": request.user.has_perm("quality.recognise_supervisor", person),
    }
    return render(request, "quality/development/person.html", context)


@require_http_methods(["GET", "POST"])
def self_assessment_add(request, uuid):
    person = _person(request, uuid)
    _permit(request, "quality.edit_self_assessment", person)
    form = SelfAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_self_assessment(
            person=person,
            ratings=form.ratings(),
            assessed_on=form.cleaned_data["assessed_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        return redirect("quality:development_person", uuid=person.uuid)
    return render(
        request, "quality/development/self_assessment_form.html", {"form": form, "person": person}
    )


@require_http_methods(["GET", "POST"])
def training_record_add(request, uuid):
    person = _person(request, uuid)
    _permit(request, "quality.add_training_record", person)
    form = TrainingRecordForm(request.POST or None, teams=queries.teams_of_person(person))
    if request.method == "POST" and form.is_valid():
        services.add_training_record(person=person, by=request.user, **form.cleaned_data)
        return redirect("quality:development_person", uuid=person.uuid)
    return render(
        request, "quality/development/training_form.html", {"form": form, "person": person}
    )


@require_http_methods(["GET", "POST"])
def supervisor_recognise(request, uuid):
    person = _person(request, uuid)
    _permit(request, "quality.recognise_supervisor", person)
    form = RecognitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.recognise_supervisor(
            person=person, valid_from=form.cleaned_data["valid_from"], by=request.user
        )
        return redirect("quality:development_person", uuid=person.uuid)
    context = {"form": form, "person": person, "recognition": queries.recognition_of(person)}
    return render(request, "quality/development/recognition_form.html", context)


@require_GET
def team_development(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.view_team_development", team)
    context = {"team": team, "rows": queries.team_development(team)}
    return render(request, "quality/development/team.html", context)
