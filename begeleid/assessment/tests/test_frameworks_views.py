import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from begeleid.assessment.models import Competence, Framework
from begeleid.assessment.services.framework_export import export_case

from .test_frameworks_interchange import DOC, case_file


def _frameworks(organisation, n):
    for i in range(n):
        f = Framework.objects.create(organisation=organisation, title=f"Kader {i}")
        Competence.objects.create(organisation=organisation, framework=f, title=f"Item {i}")


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_framework_list_query_count_does_not_grow(cast, login):
    client = login(cast.learner)
    url = reverse("assessment:framework_list")
    one = _count(client, url)
    _frameworks(cast.organisation, 2)
    assert _count(client, url) == one


def test_framework_list_shows_nothing_of_another_organisation(cast, login):
    response = login(cast.stranger).get(reverse("assessment:framework_list"))

    assert [f.title for f in response.context["frameworks"]] == ["Ander kader"]
    assert "Verpleegkundige bekwaamheden" not in response.content.decode()


def test_framework_detail_shows_the_tree_with_reserved_and_risky_marks(cast, login):
    response = login(cast.learner).get(
        reverse("assessment:framework_detail", kwargs={"uuid": cast.framework.uuid})
    )

    assert [(i.depth, i.code) for i in response.context["items"]] == [(0, "VH"), (1, "VH.1")]
    html = response.content.decode()
    assert "voorbehouden" in html and "risicovol" in html


def test_framework_detail_query_count_does_not_grow(cast, login):
    client = login(cast.learner)
    url = reverse("assessment:framework_detail", kwargs={"uuid": cast.framework.uuid})
    one = _count(client, url)
    for i in range(2):
        Competence.objects.create(
            organisation=cast.organisation, framework=cast.framework, title=f"Extra {i}"
        )
    assert _count(client, url) == one


def test_framework_import_page_imports_a_case_file(cast, login):
    upload = SimpleUploadedFile("kader.json", case_file().encode(), "application/json")

    response = login(cast.admin).post(reverse("assessment:framework_import"), {"file": upload})

    framework = Framework.objects.get(organisation=cast.organisation, identifier=DOC)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "assessment:framework_detail", kwargs={"uuid": framework.uuid}
    )
    assert framework.items.count() == 4


def test_framework_import_page_lists_the_errors_and_imports_nothing(cast, login):
    bad = json.loads(case_file())
    bad["CFItems"][0]["fullStatement"] = ""
    upload = SimpleUploadedFile("kader.json", json.dumps(bad).encode(), "application/json")

    response = login(cast.hr).post(reverse("assessment:framework_import"), {"file": upload})

    assert response.status_code == 200
    assert response.context["errors"] == ["CFItems[0] (i-care): fullStatement ontbreekt."]
    assert "CFItems[0] (i-care): fullStatement ontbreekt." in response.content.decode()
    assert not Framework.objects.filter(identifier=DOC).exists()


def test_framework_export_downloads_case_and_csv(cast, login):
    client = login(cast.admin)
    url = reverse("assessment:framework_export", kwargs={"uuid": cast.framework.uuid})

    case = client.get(url, {"format": "case"})
    csv = client.get(url, {"format": "csv"})

    assert case["Content-Type"] == "application/json; charset=utf-8"
    assert case.content.decode() == export_case(cast.framework)
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv["Content-Disposition"] == f'attachment; filename="kader-{cast.framework.uuid}.csv"'
    assert csv.content.decode().splitlines()[2].startswith("kader-vpk,")


def test_framework_export_of_another_organisation_is_not_found(cast, login):
    response = login(cast.stranger).get(
        reverse("assessment:framework_export", kwargs={"uuid": cast.framework.uuid})
    )

    assert response.status_code == 404
