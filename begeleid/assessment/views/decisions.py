from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleid.core.audit import record_access
from begeleid.programmes.queries import get_enrolment_for

from .. import queries
from ..enums import ReviewMode
from ..forms import (
    CommitteeViewForm,
    ConfirmForm,
    CorrectionForm,
    DecisionForm,
    OpenAssessmentForm,
    RubricChoiceForm,
)
from ..policy import plain_dutch, policy_for
from ..rules import refusal_to_decide
from ..services import decisions as services


def _refuse(request, assessment, status=403, reason=None):
    """A page that says why this person cannot decide (e.g. the first supervisor, or a
    qualification the organisation requires to sign that they lack)."""
    reason = (
        reason
        or refusal_to_decide(request.user, assessment)
        or _("Deze stap is bij deze beoordeling nu niet mogelijk.")
    )
    context = {"assessment": assessment, "reason": reason}
    return render(request, "assessment/not_allowed.html", context, status=status)


@require_GET
def assessment_list(request):
    page = Paginator(queries.assessments_for(request.user), 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "own_enrolments": queries.own_enrolments(request.user),
        "eligibility": queries.own_eligibility(request.user),
    }
    return render(request, "assessment/assessment_list.html", context)


@require_http_methods(["GET", "POST"])
def assessment_new(request, uuid):
    enrolment = get_enrolment_for(request.user, uuid)
    as_learner = request.user.has_perm("assessment.request_assessment", enrolment)
    if not as_learner and not request.user.has_perm("assessment.start_assessment", enrolment):
        raise PermissionDenied
    form = OpenAssessmentForm(
        request.POST or None, competences=queries.competences_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.open_assessment(
                enrolment=enrolment,
                competence=form.cleaned_data["competence"],
                by=request.user,
                as_learner=as_learner,
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De beoordeling is aangevraagd."))
            return redirect("assessment:assessment_detail", uuid=assessment.uuid)
    policy = plain_dutch(policy_for(enrolment))
    context = {"enrolment": enrolment, "form": form, "policy": policy, "as_learner": as_learner}
    return render(request, "assessment/assessment_new.html", context)


@require_GET
def assessment_detail(request, uuid):
    assessment = queries.get_assessment_for(request.user, uuid)
    if not request.user.has_perm("assessment.view_assessment", assessment):
        raise PermissionDenied
    record_access(request=request, subject=assessment.enrolment.learner, what=str(assessment))
    context = {
        "assessment": assessment,
        "scores": queries.assessment_scores(assessment),
        "evidence": queries.assessment_evidence(assessment),
        "policy": plain_dutch(policy_for(assessment.enrolment)),
    } | _committee_context(assessment)
    return render(request, "assessment/assessment_detail.html", context)


def _committee_context(assessment):
    policy = policy_for(assessment.enrolment)
    if policy.review_mode != ReviewMode.COMMITTEE and not assessment.committee_views.exists():
        return {"committee": False}
    views = list(assessment.committee_views.select_related("member"))
    return {
        "committee": True,
        "committee_views": views,
        "verdict": services.committee_verdict(policy, views),
    }


@require_http_methods(["GET", "POST"])
def committee_view_record(request, uuid):
    assessment = queries.get_assessment_for(request.user, uuid)
    if not request.user.has_perm("assessment.record_committee_view", assessment):
        return _refuse(request, assessment)
    form = CommitteeViewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_committee_view(
                assessment=assessment, by=request.user, **form.cleaned_data
            )
        except services.NotEligibleToSign as exc:
            return _refuse(request, assessment, reason=str(exc))
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Je oordeel als commissielid is vastgelegd."))
            return redirect("assessment:assessment_detail", uuid=assessment.uuid)
    context = {"assessment": assessment, "form": form} | _committee_context(assessment)
    return render(request, "assessment/committee_view_record.html", context)


@require_http_methods(["GET", "POST"])
def assessment_decide(request, uuid):
    assessment = queries.get_assessment_for(request.user, uuid)
    if not request.user.has_perm("assessment.decide", assessment):
        return _refuse(request, assessment)
    versions = queries.published_rubric_versions_for(request.user)
    chooser = RubricChoiceForm(request.GET or None, versions=versions)
    version = assessment.rubric_version
    if chooser.is_valid():
        version = chooser.cleaned_data["rubric"]
    if version is None:
        return render(
            request, "assessment/assessment_decide.html", _decide_context(assessment, chooser)
        )
    levels, criteria = list(version.scale.levels.all()), list(version.criteria.all())
    form = DecisionForm(
        request.POST or None,
        version=version,
        levels=levels,
        criteria=criteria,
        releases=services.allowed_evidence(assessment, request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(
                assessment=assessment,
                by=request.user,
                rubric_version=version,
                scores=form.scores(),
                evidence=list(form.cleaned_data["evidence"]),
                **{k: form.cleaned_data[k] for k in ("outcome", "rationale", "feedforward")},
            )
        except services.NotEligibleToSign as exc:
            return _refuse(request, assessment, reason=str(exc))
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het besluit is opgeslagen. Controleer het en onderteken."))
            return redirect("assessment:assessment_detail", uuid=assessment.uuid)
    context = _decide_context(assessment, chooser) | {"form": form, "version": version}
    return render(request, "assessment/assessment_decide.html", context)


def _decide_context(assessment, chooser):
    return {"assessment": assessment, "chooser": chooser} | _committee_context(assessment)


@require_POST
def assessment_sign(request, uuid):
    assessment = queries.get_assessment_for(request.user, uuid)
    if not request.user.has_perm("assessment.decide", assessment):
        return _refuse(request, assessment)
    try:
        assessment = services.sign_assessment(assessment=assessment, by=request.user)
    except services.NotEligibleToSign as exc:
        return _refuse(request, assessment, reason=str(exc))
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Ondertekend. Het besluit kan niet meer veranderen.")
            if assessment.signed_at
            else _("Het besluit wacht nu op de tweede beoordelaar."),
        )
    return redirect("assessment:assessment_detail", uuid=assessment.uuid)


@require_http_methods(["GET", "POST"])
def assessment_confirm(request, uuid):
    assessment = queries.get_assessment_for(request.user, uuid)
    if not request.user.has_perm("assessment.confirm", assessment):
        return _refuse(request, assessment)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_assessment(
                assessment=assessment,
                by=request.user,
                agrees=form.cleaned_data["agrees"],
                note=form.cleaned_data["note"],
            )
        except services.NotEligibleToSign as exc:
            return _refuse(request, assessment, reason=str(exc))
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("assessment:assessment_detail", uuid=assessment.uuid)
    context = {"assessment": assessment, "form": form}
    return render(request, "assessment/assessment_confirm.html", context)


@require_http_methods(["GET", "POST"])
def assessment_correct(request, uuid):
    assessment = queries.get_assessment_for(request.user, uuid)
    if not request.user.has_perm("assessment.correct", assessment):
        return _refuse(request, assessment)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.correct_assessment(
                assessment=assessment, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.AssessmentError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("assessment:assessment_decide", uuid=correction.uuid)
    context = {"assessment": assessment, "form": form}
    return render(request, "assessment/assessment_correct.html", context)
