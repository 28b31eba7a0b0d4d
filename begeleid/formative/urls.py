from django.urls import path

from .views import feedback, notifications, portfolio, records, requests

app_name = "formative"
urlpatterns = [
    path("", records.overview, name="overview"),
    path("enrolments/<uuid:uuid>/timeline/", records.timeline, name="timeline"),
    path("enrolments/<uuid:uuid>/qr/", records.qr_code, name="qr_code"),
    path("enrolments/<uuid:uuid>/visibility/", records.visibility, name="visibility"),
    path("releases/<uuid:uuid>/revoke/", records.revoke, name="release_revoke"),
    path("releases/<uuid:uuid>/", records.release_detail, name="release_detail"),
    path("enrolments/<uuid:uuid>/feedback/new/", feedback.create, name="feedback_create"),
    path("feedback/<uuid:uuid>/", feedback.detail, name="feedback_detail"),
    path("feedback/<uuid:uuid>/edit/", feedback.edit, name="feedback_edit"),
    path("feedback/<uuid:uuid>/react/", feedback.react, name="feedback_react"),
    path("enrolments/<uuid:uuid>/requests/", requests.request_list, name="request_list"),
    path("requests/<uuid:uuid>/withdraw/", requests.withdraw, name="request_withdraw"),
    path("requests/<uuid:uuid>/respond/", requests.respond, name="request_respond"),
    path("r/<str:token>/", requests.external_respond, name="external_respond"),
    path("enrolments/<uuid:uuid>/portfolio/new/", portfolio.create, name="entry_create"),
    path("portfolio/<uuid:uuid>/", portfolio.detail, name="entry_detail"),
    path("files/<uuid:uuid>/", portfolio.download, name="attachment_download"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.mark_read, name="notifications_read"),
    path("notifications/preferences/", notifications.preferences, name="notification_preferences"),
]
