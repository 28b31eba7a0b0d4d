from django.urls import path

from . import views

app_name = "guidance"
urlpatterns = [
    path("", views.moment_list, name="moment_list"),
    path("plan/", views.moment_plan, name="moment_plan"),
    path("moments/<uuid:uuid>/", views.moment_detail, name="moment_detail"),
    path("moments/<uuid:uuid>/reschedule/", views.moment_reschedule, name="moment_reschedule"),
    path("moments/<uuid:uuid>/cancel/", views.moment_cancel, name="moment_cancel"),
    path("moments/<uuid:uuid>/record/", views.moment_record, name="moment_record"),
    path("moments/<uuid:uuid>/moment.ics", views.moment_ics, name="moment_ics"),
    path("series/plan/", views.series_plan, name="series_plan"),
    path("series/<uuid:uuid>/", views.series_detail, name="series_detail"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("enrolments/<uuid:uuid>/", views.enrolment_guidance, name="enrolment_guidance"),
    path("teams/<uuid:uuid>/settings/", views.team_settings, name="team_settings"),
    path("teams/<uuid:uuid>/capacity/", views.team_capacity, name="team_capacity"),
    path("reservations/<uuid:uuid>/delete/", views.reservation_delete, name="reservation_delete"),
]
