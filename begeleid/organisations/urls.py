from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<uuid:uuid>/", views.person_detail, name="person_detail"),
    path("people/<uuid:uuid>/edit/", views.person_edit, name="person_edit"),
    path("people/<uuid:uuid>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("people/<uuid:uuid>/reactivate/", views.person_reactivate, name="person_reactivate"),
    path(
        "people/<uuid:uuid>/password-reset/",
        views.person_password_reset,
        name="person_password_reset",
    ),
    path("people/<uuid:uuid>/roles/new/", views.membership_create, name="membership_create"),
    path("roles/<uuid:uuid>/end/", views.membership_end, name="membership_end"),
    path("teams/", views.teams, name="teams"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<uuid:uuid>/edit/", views.team_edit, name="team_edit"),
    path("teams/<uuid:uuid>/deactivate/", views.team_deactivate, name="team_deactivate"),
    path("teams/<uuid:uuid>/reactivate/", views.team_reactivate, name="team_reactivate"),
    path("professions/", views.professions, name="professions"),
    path("professions/new/", views.profession_create, name="profession_create"),
    path("professions/<uuid:uuid>/edit/", views.profession_edit, name="profession_edit"),
    path("audit-log/", views.audit_log, name="audit_log"),
    path("access-log/", views.access_log, name="access_log"),
]
