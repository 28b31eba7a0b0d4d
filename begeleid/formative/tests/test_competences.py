"""Feedback and portfolio entries name competences of the organisation's published
frameworks; a self-assessment rates competences on the entrustment scale (1–5)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from begeleid.core.models import AuditEvent
from begeleid.formative.enums import EntryKind
from begeleid.formative.models import Feedback, FeedbackRevision, PortfolioEntry, SelfRating
from begeleid.formative.services.feedback import record_feedback
from begeleid.formative.services.portfolio import add_entry
from begeleid.frameworks.enums import FrameworkStatus
from begeleid.frameworks.models import Competence, Framework

NOT_OURS = "Kies alleen bekwaamheden uit een vastgesteld kader van de organisatie van de lerende."


def _feedback_url(cast):
    return reverse("formative:feedback_create", kwargs={"uuid": cast.enrolment.uuid})


def _entry_url(cast):
    return reverse("formative:entry_create", kwargs={"uuid": cast.enrolment.uuid})


def _level(competence):
    return f"level_{competence.uuid.hex}"


@pytest.fixture
def care(cast):
    return cast.competence.parent  # VH, the parent of VH.1 (cast.competence)


@pytest.fixture
def draft_item(cast):
    framework = Framework.objects.create(
        organisation=cast.organisation, identifier="kader-concept", title="Conceptkader"
    )
    return Competence.objects.create(
        organisation=cast.organisation, framework=framework, code="CK.1", title="Nog in concept"
    )


@pytest.fixture
def foreign_item(cast):
    framework = Framework.objects.create(
        organisation=cast.other_organisation,
        identifier="kader-elders",
        title="Kader elders",
        status=FrameworkStatus.PUBLISHED,
    )
    return Competence.objects.create(
        organisation=cast.other_organisation, framework=framework, code="EL.1", title="Elders"
    )


def test_feedback_form_offers_published_competences_grouped_and_collapsed(
    cast, login, draft_item, foreign_item
):
    page = login(cast.supervisor).get(_feedback_url(cast)).content.decode()
    picker = page[page.index('<details class="competence-picker"') :]
    picker = picker[: picker.index("</details>")]
    assert "<legend>Verpleegkundige bekwaamheden 2025</legend>" in picker
    assert f'value="{cast.competence.uuid}"' in picker
    assert "VH.1 Subcutaan injecteren" in picker
    assert "competence-picker__item--depth-1" in picker  # VH.1 sits under VH
    # Not offered: a draft framework, another organisation, the staff qualifications.
    assert "Nog in concept" not in picker
    assert "Elders" not in picker
    assert "Beoordelaarstraining" not in picker
    assert '<details class="competence-picker" open>' not in page  # collapsed on the fast path


def test_feedback_with_competences_is_saved_audited_and_shown(cast, login, care):
    client = login(cast.supervisor)
    response = client.post(
        _feedback_url(cast),
        {
            "kind": "observation",
            "narrative": "Injectie volgens protocol gegeven.",
            "competences": [str(cast.competence.uuid), str(care.uuid)],
        },
    )
    feedback = Feedback.objects.get(narrative="Injectie volgens protocol gegeven.")
    assert response.status_code == 302
    assert set(feedback.competences.all()) == {cast.competence, care}
    event = AuditEvent.objects.get(action="formative.record_feedback", object_uuid=feedback.uuid)
    assert event.changes == {"kind": "observation", "competences": ["VH", "VH.1"]}
    detail = client.get(response["Location"]).content.decode()
    assert '<span class="badge badge--muted">VH.1 Subcutaan injecteren</span>' in detail
    assert '<span class="badge badge--muted">VH Verpleegtechnische handelingen</span>' in detail


@pytest.mark.parametrize("which", ["draft_item", "foreign_item", "nonsense", "not_a_uuid"])
def test_feedback_refuses_a_competence_outside_the_published_frameworks(
    cast, login, request, which
):
    value = {
        "nonsense": "5b0f1c1e-0000-4000-8000-000000000000",
        "not_a_uuid": "VH.1",
    }.get(which) or str(request.getfixturevalue(which).uuid)
    before = Feedback.objects.count()
    response = login(cast.supervisor).post(
        _feedback_url(cast),
        {"kind": "feedback", "narrative": "Iets gezien.", "competences": [value]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert NOT_OURS in page
    assert '<details class="competence-picker" open>' in page  # the error is in sight
    assert Feedback.objects.count() == before


def test_record_feedback_service_refuses_a_foreign_competence(cast, foreign_item):
    with pytest.raises(ValidationError) as refused:
        record_feedback(
            enrolment=cast.enrolment,
            by=cast.supervisor,
            kind="feedback",
            narrative="Via de service.",
            competences=[foreign_item],
        )
    assert refused.value.messages == [NOT_OURS]
    assert not Feedback.objects.filter(narrative="Via de service.").exists()


def test_editing_competences_keeps_the_previous_links_in_the_history(cast, login, care):
    cast.feedback.competences.set([care])
    client = login(cast.supervisor)
    url = reverse("formative:feedback_edit", kwargs={"uuid": cast.feedback.uuid})
    form = client.get(url).content.decode()
    assert f'value="{care.uuid}" id="id_competences_0" checked' in form
    response = client.post(
        url,
        {
            "kind": cast.feedback.kind,
            "narrative": cast.feedback.narrative,
            "next_step": cast.feedback.next_step,
            "competences": [str(cast.competence.uuid)],
        },
    )
    assert response.status_code == 302
    assert list(cast.feedback.competences.all()) == [cast.competence]
    revision = FeedbackRevision.objects.get(feedback=cast.feedback)
    assert list(revision.competences.all()) == [care]
    assert revision.narrative == cast.feedback.narrative
    event = AuditEvent.objects.get(action="formative.edit_feedback")
    assert event.changes == {
        "fields": ["competences"],
        "competences": {"before": ["VH"], "after": ["VH.1"]},
    }
    detail = client.get(response["Location"]).content.decode()
    assert "Bekwaamheden toen:</span> VH Verpleegtechnische handelingen" in detail


def test_editing_without_a_change_writes_no_revision(cast, login):
    cast.feedback.competences.set([cast.competence])
    url = reverse("formative:feedback_edit", kwargs={"uuid": cast.feedback.uuid})
    login(cast.supervisor).post(
        url,
        {
            "kind": cast.feedback.kind,
            "narrative": cast.feedback.narrative,
            "next_step": cast.feedback.next_step,
            "competences": [str(cast.competence.uuid)],
        },
    )
    assert FeedbackRevision.objects.count() == 0


def test_edit_refuses_a_draft_competence_and_changes_nothing(cast, login, draft_item):
    url = reverse("formative:feedback_edit", kwargs={"uuid": cast.feedback.uuid})
    response = login(cast.supervisor).post(
        url,
        {"kind": "feedback", "narrative": "Aangepast.", "competences": [str(draft_item.uuid)]},
    )
    assert NOT_OURS in response.content.decode()
    cast.feedback.refresh_from_db()
    assert cast.feedback.narrative == "Je hebt de overdracht volgens SBAR gedaan."
    assert FeedbackRevision.objects.count() == 0


def test_self_assessment_rates_competences_and_links_them(cast, login, care):
    client = login(cast.learner)
    response = client.post(
        _entry_url(cast),
        {
            "kind": EntryKind.SELF_ASSESSMENT,
            "title": "Zelfbeoordeling injecteren",
            "text": "Ik injecteer nu onder toezicht op afstand.",
            "competences": [str(care.uuid)],
            _level(cast.competence): "3",
        },
    )
    entry = PortfolioEntry.objects.get(title="Zelfbeoordeling injecteren")
    assert response.status_code == 302
    assert entry.self_rating is None
    assert set(entry.competences.all()) == {care, cast.competence}
    assert [(r.competence, r.level) for r in entry.self_ratings.all()] == [(cast.competence, 3)]
    event = AuditEvent.objects.get(action="formative.add_entry", object_uuid=entry.uuid)
    assert event.changes["competences"] == ["VH", "VH.1"]
    assert event.changes["ratings"] == {"VH.1": 3}
    page = client.get(response["Location"]).content.decode()
    assert (
        '<tr><th scope="row">VH.1 Subcutaan injecteren</th>'
        '<td data-label="Niveau">3 / 5 · voert uit met toezicht op afstand</td></tr>'
    ) in page


def test_entry_form_shows_the_rating_grid_per_framework(cast, login):
    page = login(cast.learner).get(_entry_url(cast)).content.decode()
    grid = page[page.index('<details class="competence-picker self-ratings"') :]
    assert f'name="{_level(cast.competence)}"' in grid
    assert '<option value="5">5 – begeleidt anderen</option>' in grid
    assert "<legend>Verpleegkundige bekwaamheden 2025</legend>" in grid


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": EntryKind.SELF_ASSESSMENT, "level": "7"},
            "level",
            "Kies een niveau van 1 tot en met 5.",
        ),
        (
            {"kind": EntryKind.REFLECTION, "level": "2"},
            "level",
            "Een eigen inschatting hoort bij een zelfbeoordeling.",
        ),
        (
            {"kind": EntryKind.SELF_ASSESSMENT},
            "self_rating",
            "Geef aan hoe zelfstandig je dit nu doet: in het algemeen of per bekwaamheid.",
        ),
    ],
)
def test_bad_self_ratings_are_refused_and_nothing_saved(cast, login, data, field, message):
    post = {"title": "Mijn inschatting", "text": "Zo sta ik ervoor.", "kind": data["kind"]}
    if "level" in data:
        post[_level(cast.competence)] = data["level"]
    before = PortfolioEntry.objects.count()
    response = login(cast.learner).post(_entry_url(cast), post)
    form = response.context["form"]
    name = _level(cast.competence) if field == "level" else field
    assert response.status_code == 200
    assert form.errors[name] == [message]
    assert PortfolioEntry.objects.count() == before
    assert SelfRating.objects.count() == 0


def test_entry_refuses_a_foreign_competence(cast, login, foreign_item):
    response = login(cast.learner).post(
        _entry_url(cast),
        {
            "kind": EntryKind.REFLECTION,
            "title": "Reflectie",
            "text": "Tekst.",
            "competences": [str(foreign_item.uuid)],
        },
    )
    assert response.context["form"].errors["competences"] == [NOT_OURS]
    assert not PortfolioEntry.objects.filter(title="Reflectie").exists()


def test_add_entry_service_refuses_ratings_out_of_range_or_on_another_kind(cast):
    with pytest.raises(ValidationError) as high:
        add_entry(
            enrolment=cast.enrolment,
            by=cast.learner,
            kind=EntryKind.SELF_ASSESSMENT,
            title="Te hoog",
            text="x",
            ratings={cast.competence: 6},
        )
    with pytest.raises(ValidationError) as kind:
        add_entry(
            enrolment=cast.enrolment,
            by=cast.learner,
            kind=EntryKind.EVIDENCE,
            title="Bewijs",
            text="x",
            ratings={cast.competence: 2},
        )
    assert high.value.messages == ["Kies een niveau van 1 tot en met 5."]
    assert kind.value.messages == ["Een eigen inschatting hoort bij een zelfbeoordeling."]
    assert not PortfolioEntry.objects.filter(title__in=["Te hoog", "Bewijs"]).exists()


def test_the_database_holds_one_rating_per_competence_in_range(cast):
    entry = add_entry(
        enrolment=cast.enrolment,
        by=cast.learner,
        kind=EntryKind.SELF_ASSESSMENT,
        title="Inschatting",
        text="x",
        ratings={cast.competence: 2},
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfRating.objects.create(
            organisation=cast.organisation, entry=entry, competence=cast.competence, level=4
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfRating.objects.create(
            organisation=cast.organisation,
            entry=entry,
            competence=cast.competence.parent,
            level=0,
        )
