from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.i18n import set_language

from . import views

app_name = "core"
urlpatterns = [
    path("health/", views.health, name="health"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]
