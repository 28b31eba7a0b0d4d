"""The guidance survey: rounds, anonymous answering, results and export behind the threshold."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from begeleid.organisations.queries import get_team_for

from . import queries_survey as queries
from . import services_survey as services
from .enums import SurveyItem
from .forms_survey import (
    ResultsFilterForm,
    SurveyAnswerForm,
    SurveyRoundChangeForm,
    SurveyRoundForm,
)
from .models.survey import default_min_responses
from .numbers import number


def _permit(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@require_GET
def survey_home(request):
    _permit(request, "quality.view_survey_list")
    today = timezone.localdate()
    context = {
        "to_answer": queries.open_rounds_for_learner(request.user, today),
        "rounds": queries.rounds_for(request.user),
        "teams": queries.teams_to_open_for(request.user),
        "k": default_min_responses(),
    }
    return render(request, "quality/survey/home.html", context)


@require_http_methods(["GET", "POST"])
def survey_round_add(request, uuid):
    team = get_team_for(request.user, uuid)
    _permit(request, "quality.open_survey_round", team)
    form = SurveyRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey_round = services.open_round(team=team, by=request.user, **form.cleaned_data)
        return redirect("quality:survey_round_detail", uuid=survey_round.uuid)
    return render(request, "quality/survey/round_form.html", {"form": form, "team": team})


@require_http_methods(["GET", "POST"])
def survey_round_change(request, uuid):
    survey_round = queries.get_round_for(request.user, uuid)
    _permit(request, "quality.change_survey_round", survey_round)
    initial = {"title": survey_round.title, "min_responses": survey_round.min_responses}
    form = SurveyRoundChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_round(round=survey_round, by=request.user, **form.cleaned_data)
        except services.SurveyError as error:
            form.add_error("min_responses", str(error))
        else:
            return redirect("quality:survey_round_detail", uuid=survey_round.uuid)
    context = {"form": form, "round": survey_round}
    return render(request, "quality/survey/round_change_form.html", context)


@require_http_methods(["GET", "POST"])
def survey_round_close(request, uuid):
    survey_round = queries.get_round_for(request.user, uuid)
    _permit(request, "quality.close_survey_round", survey_round)
    error = None
    if request.method == "POST":
        try:
            services.close_round(round=survey_round, by=request.user)
        except services.SurveyError as problem:
            error = str(problem)
        else:
            return redirect("quality:survey_round_detail", uuid=survey_round.uuid)
    context = {
        "round": survey_round,
        "count": queries.response_count(survey_round),
        "error": error,
    }
    return render(request, "quality/survey/round_close.html", context)


def _filtered(request, supervisors):
    form = ResultsFilterForm(request.GET or None, supervisors=supervisors)
    supervisor = form.cleaned_data["supervisor"] if form.is_valid() else None
    return form, supervisor


@require_GET
def survey_round_detail(request, uuid):
    survey_round = queries.get_round_for(request.user, uuid)
    _permit(request, "quality.view_survey_round", survey_round)
    context = {"round": survey_round, "k": survey_round.min_responses}
    if not survey_round.is_closed:
        # Open: only the count; figures that change per answer would give answers away.
        context["count"] = queries.response_count(survey_round)
        return render(request, "quality/survey/round_detail.html", context)
    breakdown = queries.round_breakdown(survey_round)
    form, supervisor = _filtered(request, breakdown.people)
    context |= {
        "form": form,
        "supervisor": supervisor,
        "results": queries.survey_results(
            organisation=survey_round.organisation, round=survey_round, supervisor=supervisor
        ),
        "per_supervisor": breakdown.rows,
        "withheld": breakdown.withheld,
    }
    return render(request, "quality/survey/round_detail.html", context)


@require_GET
def survey_round_export(request, uuid):
    """The round's figures as CSV: the header only while the round is open."""
    survey_round = queries.get_round_for(request.user, uuid)
    _permit(request, "quality.view_survey_round", survey_round)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluatie-{survey_round.uuid}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["begeleider", "antwoorden", *[item.value for item in SurveyItem]])
    overall = queries.survey_results(organisation=survey_round.organisation, round=survey_round)
    if overall:
        writer.writerow(["", overall.response_count, *[number(m, 1) for _i, m in overall.rows]])
    for person, results in queries.results_per_supervisor(survey_round):
        writer.writerow(
            [person.full_name, results.response_count, *[number(m, 1) for _i, m in results.rows]]
        )
    return response


@require_GET
def survey_answer_list(request, uuid):
    survey_round = queries.get_round_for(request.user, uuid)
    _permit(request, "quality.answer_survey", survey_round)
    answered = queries.answered_supervisor_ids(request.user, survey_round)
    people = [
        (p, p.pk in answered) for p in queries.supervisors_to_rate(request.user, survey_round)
    ]
    return render(
        request, "quality/survey/answer_list.html", {"round": survey_round, "people": people}
    )


@require_http_methods(["GET", "POST"])
def survey_answer(request, uuid, person):
    survey_round = queries.get_round_for(request.user, uuid)
    _permit(request, "quality.answer_survey", survey_round)
    supervisor = queries.supervisors_to_rate(request.user, survey_round).filter(uuid=person).first()
    if supervisor is None:
        raise Http404
    form = SurveyAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_response(
                round=survey_round,
                respondent=request.user,
                supervisor=supervisor,
                answers=form.answers(),
                open_answer=form.cleaned_data["open_answer"],
            )
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            return redirect("quality:survey_answer_list", uuid=survey_round.uuid)
    context = {"form": form, "round": survey_round, "supervisor": supervisor}
    return render(request, "quality/survey/answer_form.html", context)
