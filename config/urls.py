from django.urls import include, path

urlpatterns = [
    path("", include("begeleid.core.urls")),
    path("", include("begeleid.reports.urls")),
    path("accounts/", include("begeleid.accounts.urls")),
    path("organisation/", include("begeleid.organisations.urls")),
    path("programmes/", include("begeleid.programmes.urls")),
    path("guidance/", include("begeleid.guidance.urls")),
    path("formative/", include("begeleid.formative.urls")),
    path("assessment/", include("begeleid.assessment.urls")),
    path("collaboration/", include("begeleid.collaboration.urls")),
    path("quality/", include("begeleid.quality.urls")),
]
