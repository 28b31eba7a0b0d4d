import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from begeleid.assessment.enums import RubricStatus
from begeleid.assessment.models import Rubric, RubricVersion, Scale
from begeleid.assessment.services.rubrics import (
    RubricError,
    install_standard_content,
    new_draft_from,
    publish_rubric_version,
    set_descriptor,
    update_criterion,
)
from begeleid.core.models import AuditEvent


def test_standard_content_ships_the_scales_and_three_forms(cast):
    scales = {
        s.name: [(lv.value, lv.label, lv.band) for lv in s.levels.all()]
        for s in Scale.objects.filter(organisation=cast.organisation)
    }
    rubrics = {
        r.name: (r.versions.get().status, r.versions.get().criteria.count())
        for r in Rubric.objects.filter(organisation=cast.organisation).exclude(
            name="Afvinklijst verpleegtechnische handeling"
        )
    }

    assert scales["Toevertrouwen en supervisie (1–5)"][0] == (1, "Observeert", "")
    assert scales["Toevertrouwen en supervisie (1–5)"][4] == (5, "Superviseert anderen", "")
    assert [band for _v, _l, band in scales["Negenpuntsschaal (drie banden)"]] == (
        ["onvoldoende"] * 3 + ["voldoende"] * 3 + ["goed"] * 3
    )
    assert scales["Bekwaam / nog niet bekwaam"] == [
        (1, "Nog niet bekwaam", ""),
        (2, "Bekwaam", ""),
    ]
    assert rubrics == {
        "Observatieformulier KPB / mini-CEX": ("published", 7),
        "EPA-toevertrouwingsformulier": ("published", 5),
    }
    assert cast.rubric_version.criteria.first().descriptors.count() == 2


def test_install_standard_content_twice_adds_nothing(cast):
    assert install_standard_content(organisation=cast.organisation) == []
    assert Rubric.objects.filter(organisation=cast.organisation).count() == 3


def test_published_rubric_version_refuses_changes(cast):
    criterion = cast.rubric_version.criteria.first()
    level = cast.rubric_version.scale.levels.first()

    with pytest.raises(RubricError) as caught:
        update_criterion(
            criterion=criterion, title="Anders", description="", competence=None, by=cast.hr
        )
    with pytest.raises(RubricError):
        set_descriptor(criterion=criterion, level=level, text="Anders", by=cast.hr)
    with pytest.raises(RubricError):
        publish_rubric_version(version=cast.rubric_version, by=cast.hr)

    assert str(caught.value) == (
        "Versie 1 is gepubliceerd en kan niet meer veranderen; maak een nieuw concept."
    )
    criterion.refresh_from_db()
    assert criterion.title == "Controleert de opdracht en de identiteit van de patiënt"


def test_new_draft_copies_criteria_and_descriptors_and_can_change(cast):
    source = RubricVersion.objects.get(
        organisation=cast.organisation, rubric__name="EPA-toevertrouwingsformulier"
    )

    draft = new_draft_from(version=source, by=cast.hr)
    criterion = draft.criteria.first()
    update_criterion(
        criterion=criterion,
        title="Veiligheid",
        description="",
        competence=cast.competence,
        by=cast.hr,
    )

    assert (draft.number, draft.status) == (2, RubricStatus.DRAFT)
    assert [c.title for c in draft.criteria.all()][1:] == [c.title for c in source.criteria.all()][
        1:
    ]
    assert criterion.descriptors.count() == 5
    assert source.criteria.first().title == "Veiligheid voor de patiënt"
    assert AuditEvent.objects.filter(action="assessment.new_rubric_draft").count() == 1


def test_new_draft_is_refused_while_a_draft_exists(cast):
    with pytest.raises(RubricError) as caught:
        new_draft_from(version=cast.rubric_version, by=cast.hr)

    assert str(caught.value) == "Deze rubric heeft al een concept; werk dat bij."


def test_publishing_a_draft_retires_the_published_version(cast, login):
    response = login(cast.hr).post(
        reverse(
            "assessment:rubric_version_publish", kwargs={"uuid": cast.draft_rubric_version.uuid}
        )
    )

    cast.rubric_version.refresh_from_db()
    cast.draft_rubric_version.refresh_from_db()
    assert response.status_code == 302
    assert cast.draft_rubric_version.status == RubricStatus.PUBLISHED
    assert cast.draft_rubric_version.published_by == cast.hr
    assert cast.rubric_version.status == RubricStatus.RETIRED
    assert (
        AuditEvent.objects.filter(action="assessment.publish_rubric_version", actor=cast.hr).count()
        == 1
    )


def test_rubric_version_page_shows_criteria_by_levels(cast, login):
    response = login(cast.learner).get(
        reverse("assessment:rubric_version_detail", kwargs={"uuid": cast.rubric_version.uuid})
    )

    levels = [level.label for level in response.context["levels"]]
    first, cells = response.context["rows"][0]
    assert levels == ["Nog niet bekwaam", "Bekwaam"]
    assert first.title == "Controleert de opdracht en de identiteit van de patiënt"
    assert cells[1][1] == (
        "Voldoet aan de norm: controleert de opdracht en de identiteit van de patiënt."
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_rubric_list_query_count_does_not_grow(cast, login):
    client = login(cast.assessor)
    url = reverse("assessment:rubric_list")
    one = _count(client, url)
    for name in ("Extra formulier A", "Extra formulier B"):
        rubric = Rubric.objects.create(organisation=cast.organisation, name=name, kind="other")
        for number in (1, 2):
            RubricVersion.objects.create(
                organisation=cast.organisation,
                rubric=rubric,
                number=number,
                scale=cast.rubric_version.scale,
            )
    assert _count(client, url) == one


def test_rubric_version_detail_query_count_does_not_grow(cast, login):
    client = login(cast.assessor)
    url = reverse(
        "assessment:rubric_version_detail", kwargs={"uuid": cast.draft_rubric_version.uuid}
    )
    one = _count(client, url)
    for position in (2, 3):
        cast.draft_rubric_version.criteria.create(
            organisation=cast.organisation, position=position, title=f"C{position}"
        )
    assert _count(client, url) == one


def test_rubric_list_shows_nothing_of_another_organisation(cast, login):
    response = login(cast.stranger).get(reverse("assessment:rubric_list"))

    assert list(response.context["rubrics"]) == []


def test_criterion_of_a_draft_is_added_and_edited_with_descriptors(cast, login):
    client = login(cast.hr)
    draft = cast.draft_rubric_version
    added = client.post(
        reverse("assessment:criterion_add", kwargs={"uuid": draft.uuid}),
        {"title": "Rapporteert in het dossier"},
    )
    criterion = draft.criteria.get(position=2)
    low, high = draft.scale.levels.order_by("value")

    saved = client.post(
        reverse("assessment:criterion_edit", kwargs={"uuid": criterion.uuid}),
        {
            "title": "Rapporteert volledig in het dossier",
            "description": "",
            "competence": cast.competence.pk,
            f"descriptor_{low.pk}": "Rapportage ontbreekt of is onvolledig.",
            f"descriptor_{high.pk}": "Rapporteert tijdig en volledig.",
        },
    )

    criterion.refresh_from_db()
    assert added["Location"] == reverse(
        "assessment:criterion_edit", kwargs={"uuid": criterion.uuid}
    )
    assert saved.status_code == 302
    assert (criterion.title, criterion.competence) == (
        "Rapporteert volledig in het dossier",
        cast.competence,
    )
    assert [d.text for d in criterion.descriptors.order_by("level__value")] == [
        "Rapportage ontbreekt of is onvolledig.",
        "Rapporteert tijdig en volledig.",
    ]


def test_criterion_of_a_published_version_cannot_be_edited_through_the_page(cast, login):
    criterion = cast.rubric_version.criteria.first()

    response = login(cast.admin).post(
        reverse("assessment:criterion_edit", kwargs={"uuid": criterion.uuid}),
        {"title": "Anders", "description": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Versie 1 is gepubliceerd en kan niet meer veranderen; maak een nieuw concept."
    ]
    assert response.context["form"]["title"].value() == "Anders"
    criterion.refresh_from_db()
    assert criterion.title == "Controleert de opdracht en de identiteit van de patiënt"
