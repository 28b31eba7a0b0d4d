from django.urls import path

from .views import decisions, eligibility, frameworks, performances, policy, register, rubrics

app_name = "assessment"
urlpatterns = [
    path("", decisions.assessment_list, name="assessment_list"),
    path("enrolments/<uuid:uuid>/new/", decisions.assessment_new, name="assessment_new"),
    path("<uuid:uuid>/", decisions.assessment_detail, name="assessment_detail"),
    path("<uuid:uuid>/decide/", decisions.assessment_decide, name="assessment_decide"),
    path("<uuid:uuid>/sign/", decisions.assessment_sign, name="assessment_sign"),
    path("<uuid:uuid>/confirm/", decisions.assessment_confirm, name="assessment_confirm"),
    path("<uuid:uuid>/committee/", decisions.committee_view_record, name="committee_view_record"),
    path("<uuid:uuid>/correct/", decisions.assessment_correct, name="assessment_correct"),
    path("programmes/<uuid:uuid>/policy/", policy.policy_detail, name="policy_detail"),
    path("programmes/<uuid:uuid>/policy/edit/", policy.policy_edit, name="policy_edit"),
    path(
        "signing-requirements/",
        eligibility.signing_requirements,
        name="signing_requirements",
    ),
    path("register/", register.register_list, name="register_list"),
    path("register/export/", register.register_export, name="register_export"),
    path("register/teams/<uuid:uuid>/", register.team_matrix, name="team_matrix"),
    path("performances/", performances.performance_list, name="performance_list"),
    path(
        "performances/to-confirm/",
        performances.performance_confirmations,
        name="performance_confirmations",
    ),
    path(
        "performances/<uuid:uuid>/answer/",
        performances.performance_answer,
        name="performance_answer",
    ),
    path("frameworks/", frameworks.framework_list, name="framework_list"),
    path("frameworks/import/", frameworks.framework_import, name="framework_import"),
    path("frameworks/<uuid:uuid>/", frameworks.framework_detail, name="framework_detail"),
    path("frameworks/<uuid:uuid>/export/", frameworks.framework_export, name="framework_export"),
    path("rubrics/", rubrics.rubric_list, name="rubric_list"),
    path("rubrics/<uuid:uuid>/", rubrics.rubric_version_detail, name="rubric_version_detail"),
    path(
        "rubrics/<uuid:uuid>/publish/",
        rubrics.rubric_version_publish,
        name="rubric_version_publish",
    ),
    path("rubrics/<uuid:uuid>/criteria/add/", rubrics.criterion_add, name="criterion_add"),
    path("rubrics/criteria/<uuid:uuid>/", rubrics.criterion_edit, name="criterion_edit"),
    path(
        "rubrics/<uuid:uuid>/new-draft/",
        rubrics.rubric_version_new_draft,
        name="rubric_version_new_draft",
    ),
]

# Progress pictures (views/progress.py).
from .views import progress as progress_views  # noqa: E402

urlpatterns += [
    path(
        "enrolments/<uuid:uuid>/progress/",
        progress_views.learner_progress,
        name="learner_progress",
    ),
    path(
        "programmes/<uuid:uuid>/cohort/",
        progress_views.cohort_progress,
        name="cohort_progress",
    ),
]
