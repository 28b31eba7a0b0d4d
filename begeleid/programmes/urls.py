from django.urls import path

from . import enrolment_views, views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<uuid:uuid>/", views.programme_detail, name="programme_detail"),
    path("<uuid:uuid>/new-version/", views.version_new, name="programme_version_new"),
    path("versions/<uuid:uuid>/", views.version_detail, name="programme_version_detail"),
    path("versions/<uuid:uuid>/edit/", views.version_edit, name="programme_version_edit"),
    path("versions/<uuid:uuid>/publish/", views.version_publish, name="programme_version_publish"),
    path("versions/<uuid:uuid>/phases/new/", views.phase_add, name="programme_phase_add"),
    path("phases/<uuid:uuid>/edit/", views.phase_edit, name="programme_phase_edit"),
    path("phases/<uuid:uuid>/move/", views.phase_move, name="programme_phase_move"),
    path("phases/<uuid:uuid>/remove/", views.phase_remove, name="programme_phase_remove"),
    path("enrolments/", enrolment_views.enrolment_list, name="enrolment_list"),
    path("enrolments/new/", enrolment_views.enrol, name="enrol"),
    path("enrolments/<uuid:uuid>/", enrolment_views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<uuid:uuid>/phase/", enrolment_views.enrolment_phase, name="enrolment_phase"),
    path(
        "enrolments/<uuid:uuid>/status/", enrolment_views.enrolment_status, name="enrolment_status"
    ),
    path(
        "enrolments/<uuid:uuid>/assignments/new/",
        enrolment_views.assignment_add,
        name="assignment_add",
    ),
    path("assignments/<uuid:uuid>/end/", enrolment_views.assignment_end, name="assignment_end"),
]
