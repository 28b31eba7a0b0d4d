from django.urls import path

from . import views

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
]
