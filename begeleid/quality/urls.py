from django.urls import path

from . import views, views_budget, views_dashboards, views_development, views_survey

app_name = "quality"
urlpatterns = [
    path("calibration/", views.calibration_sessions, name="calibration_sessions"),
    path("teams/<uuid:uuid>/calibration/add/", views.calibration_add, name="calibration_add"),
    path("teams/<uuid:uuid>/calibration/trend/", views.calibration_trend, name="calibration_trend"),
    path("calibration/<uuid:uuid>/", views.calibration_detail, name="calibration_detail"),
    path(
        "calibration/<uuid:uuid>/cases/add/",
        views.calibration_case_add,
        name="calibration_case_add",
    ),
    path("calibration/<uuid:uuid>/close/", views.calibration_close, name="calibration_close"),
    path(
        "calibration/cases/<uuid:uuid>/score/",
        views.calibration_score,
        name="calibration_score",
    ),
    # Supervisor development
    path("development/", views_development.development_home, name="development_home"),
    path(
        "development/people/<uuid:uuid>/",
        views_development.development_person,
        name="development_person",
    ),
    path(
        "development/people/<uuid:uuid>/self-assessment/",
        views_development.self_assessment_add,
        name="self_assessment_add",
    ),
    path(
        "development/people/<uuid:uuid>/training/add/",
        views_development.training_record_add,
        name="training_record_add",
    ),
    path(
        "development/people/<uuid:uuid>/recognise/",
        views_development.supervisor_recognise,
        name="supervisor_recognise",
    ),
    path(
        "teams/<uuid:uuid>/development/",
        views_development.team_development,
        name="team_development",
    ),
    # Guidance survey
    path("survey/", views_survey.survey_home, name="survey_home"),
    path("teams/<uuid:uuid>/survey/add/", views_survey.survey_round_add, name="survey_round_add"),
    path("survey/<uuid:uuid>/", views_survey.survey_round_detail, name="survey_round_detail"),
    path(
        "survey/<uuid:uuid>/change/", views_survey.survey_round_change, name="survey_round_change"
    ),
    path("survey/<uuid:uuid>/close/", views_survey.survey_round_close, name="survey_round_close"),
    path(
        "survey/<uuid:uuid>/export/", views_survey.survey_round_export, name="survey_round_export"
    ),
    path("survey/<uuid:uuid>/answer/", views_survey.survey_answer_list, name="survey_answer_list"),
    path(
        "survey/<uuid:uuid>/answer/<uuid:person>/",
        views_survey.survey_answer,
        name="survey_answer",
    ),
    # Time and budget
    path(
        "teams/<uuid:uuid>/time-and-budget/",
        views_budget.team_time_budget,
        name="team_time_budget",
    ),
    path("teams/<uuid:uuid>/budget/", views_budget.budget_set, name="budget_set"),
    # Dashboards, the model at a glance, quality reports
    path("", views_dashboards.dashboards, name="dashboards"),
    path(
        "organisation/dashboard/",
        views_dashboards.organisation_dashboard,
        name="organisation_dashboard",
    ),
    path("teams/<uuid:uuid>/dashboard/", views_dashboards.team_dashboard, name="team_dashboard"),
    path("organisation/model/", views_dashboards.organisation_glance, name="organisation_glance"),
    path("teams/<uuid:uuid>/model/", views_dashboards.team_glance, name="team_glance"),
    path("reports/new/", views_dashboards.report_new, name="report_new"),
    path("reports/<uuid:uuid>/", views_dashboards.report_job, name="report_job"),
    path("reports/<uuid:uuid>/download/", views_dashboards.report_download, name="report_download"),
]
