import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.core.models import AccessEvent
from begeleid.formative.models import Feedback, PortfolioEntry
from begeleid.formative.timeline import decode_cursor, timeline


def _feedback(cast, n, *, days=0, author=None, profession=None, kind="feedback"):
    base = timezone.now() - datetime.timedelta(days=days)
    return Feedback.objects.bulk_create(
        [
            Feedback(
                organisation=cast.organisation,
                enrolment=cast.enrolment,
                kind=kind,
                narrative=f"Feedback {i}",
                author=author or cast.supervisor,
                author_profession=profession or cast.nurse,
                recorded_at=base - datetime.timedelta(minutes=i),
            )
            for i in range(n)
        ]
    )


def test_keyset_pages_cover_every_item_once(cast):
    _feedback(cast, 30, days=1)
    seen, cursor = [], None
    while True:
        items, next_cursor = timeline(cast.enrolment, cursor=decode_cursor(cursor or ""), limit=7)
        seen += [i.uuid for i in items]
        if not next_cursor:
            break
        cursor = next_cursor
    expected = (
        Feedback.objects.filter(enrolment=cast.enrolment).count()
        + PortfolioEntry.objects.filter(enrolment=cast.enrolment).count()
    )
    assert len(seen) == len(set(seen)) == expected == 32


def test_same_timestamp_items_are_split_by_uuid(cast):
    at = timezone.now() - datetime.timedelta(days=2)
    Feedback.objects.bulk_create(
        [
            Feedback(
                organisation=cast.organisation,
                enrolment=cast.enrolment,
                narrative=str(i),
                author=cast.supervisor,
                recorded_at=at,
            )
            for i in range(5)
        ]
    )
    first, cursor = timeline(cast.enrolment, limit=4)
    second, _ = timeline(cast.enrolment, cursor=decode_cursor(cursor), limit=10)
    assert len({i.uuid for i in first} | {i.uuid for i in second}) == 7


def test_filters_kind_profession_period(cast, login):
    _feedback(cast, 2, days=40, kind="observation")
    _feedback(cast, 1, days=1, author=cast.specialist, profession=cast.physio)
    client = login(cast.learner)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    page = client.get(url, {"kind": "observation"})
    assert [i.obj.kind for i in page.context["items"]] == ["observation", "observation"]
    page = client.get(url, {"profession": str(cast.physio.uuid)})
    assert [i.obj.author for i in page.context["items"]] == [cast.specialist]
    since = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    page = client.get(url, {"since": since, "kind": "feedback"})
    assert len(page.context["items"]) == 2  # the cast's feedback and the specialist's


@pytest.mark.usefixtures("build_pages")
def test_timeline_query_count_does_not_grow(cast, login):
    cast.entry.delete()  # one item (the cast's feedback), then three
    client = login(cast.supervisor)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _feedback(cast, 2)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(one) == len(three)


def test_opening_timeline_records_access_but_not_for_learner(cast, login):
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    login(cast.learner).get(url)
    assert AccessEvent.objects.count() == 0
    login(cast.specialist).get(url)
    event = AccessEvent.objects.get()
    assert (event.viewer, event.subject, event.what) == (
        cast.specialist,
        cast.learner,
        "tijdlijn leerdossier",
    )


def test_timeline_of_other_organisation_not_found(cast, login):
    client = login(cast.stranger)
    assert (
        client.get(reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})).status_code
        == 404
    )


def test_malformed_cursor_means_first_page(cast, login):
    client = login(cast.learner)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    response = client.get(url, {"cursor": "!!nonsense"})
    assert response.status_code == 200
    assert len(response.context["items"]) == 2


def test_filter_by_competence_keeps_it_in_the_next_page_link(cast, login):
    tagged = _feedback(cast, 4, days=1)
    for f in tagged:
        f.competences.add(cast.competence)
    cast.entry.competences.add(cast.competence)
    client = login(cast.supervisor)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    params = {"competence": str(cast.competence.uuid), "kind": ""}
    first = client.get(url, params)
    items = first.context["items"]
    assert len(items) == 5  # four tagged feedback and the entry; not the cast's feedback
    assert {i.obj.uuid for i in items} == {f.uuid for f in tagged} | {cast.entry.uuid}
    # A smaller page: the "older" link carries the filter along with the cursor.
    page, cursor = timeline(cast.enrolment, competence=cast.competence, limit=3)
    assert len(page) == 3
    second = client.get(url, {**params, "cursor": cursor})
    assert len(second.context["items"]) == 2
    rest = timeline(cast.enrolment, competence=cast.competence, cursor=decode_cursor(cursor))[0]
    assert [i.uuid for i in rest] == [i.uuid for i in second.context["items"]]
    assert f"competence={cast.competence.uuid}" in second.context["query_string"]


def test_next_link_of_a_filtered_timeline_names_the_competence(cast, login):
    for f in _feedback(cast, 26, days=1):
        f.competences.add(cast.competence)
    client = login(cast.learner)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    page = client.get(url, {"competence": str(cast.competence.uuid)}).content.decode()
    cursor = client.get(url, {"competence": str(cast.competence.uuid)}).context["next_cursor"]
    assert f'href="?competence={cast.competence.uuid}&amp;cursor={cursor}"' in page
    options = page[page.index('<select name="competence"') :]
    options = options[: options.index("</select>")]
    assert '<optgroup label="Verpleegkundige bekwaamheden 2025">' in options
    assert f'<option value="{cast.competence.uuid}" selected>' in options
    assert "Beoordelaarstraining" not in options


def test_competence_filter_leaves_out_guidance_moments(cast):
    items, _cursor = timeline(cast.enrolment, competence=cast.competence)
    assert [i.source for i in items] == []


@pytest.mark.usefixtures("build_pages")
def test_timeline_query_count_with_competences_does_not_grow(cast, login):
    from begeleid.formative.enums import EntryKind
    from begeleid.formative.services.portfolio import add_entry

    cast.entry.delete()
    cast.feedback.competences.set([cast.competence, cast.competence.parent])
    rated = add_entry(
        enrolment=cast.enrolment,
        by=cast.learner,
        kind=EntryKind.SELF_ASSESSMENT,
        title="Inschatting",
        text="x",
        ratings={cast.competence: 3},
    )
    client = login(cast.supervisor)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["items"]) == 2
    for f in _feedback(cast, 2):
        f.competences.set([cast.competence])
    more = add_entry(
        enrolment=cast.enrolment,
        by=cast.learner,
        kind=EntryKind.SELF_ASSESSMENT,
        title="Nog een",
        text="y",
        ratings={cast.competence: 4, cast.competence.parent: 2},
    )
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(response.context["items"]) == 5
    assert len(one) == len(three)
    page = response.content.decode()
    assert "Eigen inschatting: VH 2/5 · VH.1 4/5" in page  # the newest self-assessment
    assert "Eigen inschatting: VH.1 3/5" in page
    assert {rated.uuid, more.uuid} <= {i.uuid for i in response.context["items"]}


def test_first_page_read_prepared_equals_the_general_read(cast):
    """The first page without filters takes prepared reads (core.compiled); a filter that
    leaves nothing out takes the general path: both give the same items and cursor."""
    _feedback(cast, 30, days=1)
    prepared, prepared_cursor = timeline(cast.enrolment)
    general, general_cursor = timeline(cast.enrolment, since=datetime.date(2000, 1, 1))
    assert [(i.source, i.uuid) for i in prepared] == [(i.source, i.uuid) for i in general]
    assert prepared_cursor == general_cursor is not None
    assert [getattr(i.obj, "tags", None) for i in prepared] == [
        getattr(i.obj, "tags", None) for i in general
    ]
    rest, _ = timeline(cast.enrolment, cursor=decode_cursor(prepared_cursor))
    assert len(prepared) + len(rest) == 32


def _filter_form(cast, data):
    from begeleid.formative.forms import TimelineFilterForm, timeline_professions
    from begeleid.formative.timeline import kind_choices

    return TimelineFilterForm(
        data,
        professions=timeline_professions(cast.supervisor),
        kinds=kind_choices(),
        organisation_id=cast.enrolment.organisation_id,
    )


def test_filter_checks_a_chosen_competence_or_profession_without_a_query(cast):
    form = _filter_form(
        cast,
        {"competence": str(cast.competence.uuid).upper(), "profession": str(cast.physio.uuid)},
    )
    with CaptureQueriesContext(connection) as checking:
        assert form.is_valid()
    assert len(checking) == 0
    assert form.cleaned_data["competence"] == cast.competence
    assert form.cleaned_data["profession"] == cast.physio


@pytest.mark.parametrize(
    "data",
    [
        {"competence": "nonsense"},
        {"competence": "00000000-0000-0000-0000-000000000001"},
        {"profession": "nonsense"},
        {"profession": "00000000-0000-0000-0000-000000000001"},
    ],
)
def test_filter_refuses_a_competence_or_profession_not_offered(cast, data):
    form = _filter_form(cast, data)
    assert not form.is_valid()
    assert list(form.errors) == list(data)


def test_filter_dates_are_drawn_as_django_draws_a_date_input(cast):
    from django import forms

    django_input = forms.DateInput(attrs={"type": "date"})
    form = _filter_form(cast, {"since": 'x<"', "until": ""})
    for name in ("since", "until"):
        field = form[name]
        assert str(field) == field.as_widget(widget=django_input)
    unbound = _filter_form(cast, None)
    assert str(unbound["since"]) == '<input type="date" name="since" id="id_since">'
    assert str(_filter_form(cast, {"since": "2026-01-02"})["since"]) == (
        '<input type="date" name="since" value="2026-01-02" id="id_since">'
    )
