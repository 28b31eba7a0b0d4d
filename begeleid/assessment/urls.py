from django.urls import path

from .views import frameworks, rubrics

app_name = "assessment"
urlpatterns = [
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
    path(
        "rubrics/<uuid:uuid>/new-draft/",
        rubrics.rubric_version_new_draft,
        name="rubric_version_new_draft",
    ),
]
