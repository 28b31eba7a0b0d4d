from django.urls import path

from .views import agreements, interprofessional, meetings, signals, vision

app_name = "collaboration"
urlpatterns = [
    # Vision
    path("vision/", vision.vision, name="vision"),
    path("vision/versions/", vision.vision_versions, name="vision_versions"),
    path("vision/draft/", vision.vision_create_draft, name="vision_create_draft"),
    path("vision/<uuid:uuid>/", vision.vision_detail, name="vision_detail"),
    path("vision/<uuid:uuid>/edit/", vision.vision_edit, name="vision_edit"),
    path("vision/<uuid:uuid>/publish/", vision.vision_publish, name="vision_publish"),
    path("vision/<uuid:uuid>/statements/add/", vision.statement_add, name="vision_statement_add"),
    path(
        "vision/statements/<uuid:uuid>/edit/", vision.statement_edit, name="vision_statement_edit"
    ),
    path(
        "vision/statements/<uuid:uuid>/delete/",
        vision.statement_delete,
        name="vision_statement_delete",
    ),
    # Team agreements
    path("agreements/", agreements.agreements, name="agreements"),
    path("agreements/coverage/", agreements.coverage, name="agreement_coverage"),
    path("teams/<uuid:uuid>/agreements/", agreements.team_agreements, name="team_agreements"),
    path("teams/<uuid:uuid>/agreements/add/", agreements.agreement_add, name="agreement_add"),
    path("agreements/<uuid:uuid>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<uuid:uuid>/archive/", agreements.agreement_archive, name="agreement_archive"),
    # Consultation
    path("meetings/", meetings.meetings, name="meetings"),
    path("teams/<uuid:uuid>/meetings/add/", meetings.meeting_add, name="meeting_add"),
    path("teams/<uuid:uuid>/cadences/", meetings.cadences, name="meeting_cadences"),
    path("meetings/<uuid:uuid>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:uuid>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path(
        "meetings/<uuid:uuid>/action-items/add/",
        meetings.action_item_add,
        name="meeting_action_item_add",
    ),
    path(
        "action-items/<uuid:uuid>/status/",
        meetings.action_item_status,
        name="meeting_action_item_status",
    ),
    # Signals
    path("signals/", signals.signals, name="signals"),
    path("signals/mine/", signals.my_signals, name="signal_mine"),
    path("signals/raise/", signals.signal_raise, name="signal_raise"),
    path("signals/follow-up/", signals.signal_follow_up, name="signal_follow_up"),
    path("signals/<uuid:uuid>/", signals.signal_detail, name="signal_detail"),
    path("signals/<uuid:uuid>/manage/", signals.signal_manage, name="signal_manage"),
    # Interprofessional learning
    path("interprofessional/", interprofessional.activities, name="activities"),
    path("interprofessional/add/", interprofessional.activity_add, name="activity_add"),
    path(
        "interprofessional/<uuid:uuid>/",
        interprofessional.activity_detail,
        name="activity_detail",
    ),
    path(
        "teams/<uuid:uuid>/interprofessional/",
        interprofessional.team_interprofessional,
        name="activity_team",
    ),
    path(
        "enrolments/<uuid:uuid>/coordination/",
        interprofessional.learner_coordination,
        name="activity_coordination",
    ),
]
