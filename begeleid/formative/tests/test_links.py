"""Competence tags and self-ratings on lists: read with the list's own rows, not per item
and not per link table (formative.links)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from begeleid.formative.enums import EntryKind
from begeleid.formative.links import attach, with_entry_links, with_feedback_links
from begeleid.formative.models import Feedback, PortfolioEntry
from begeleid.formative.services.portfolio import add_entry
from begeleid.frameworks.enums import FrameworkStatus
from begeleid.frameworks.models import Competence, Framework


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _draft_competence(cast):
    draft = Framework.objects.create(
        organisation=cast.organisation,
        identifier="kader-concept",
        title="Conceptkader",
        version="0.1",
        status=FrameworkStatus.DRAFT,
    )
    return Competence.objects.create(
        organisation=cast.organisation, framework=draft, code="CK.1", title="Nog in concept"
    )


@pytest.mark.usefixtures("build_pages")
def test_links_cost_no_query_on_the_timeline(cast, login):
    client = login(cast.supervisor)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    plain, _page = _count(client, url)

    cast.feedback.competences.set([cast.competence, cast.competence.parent])
    cast.entry.competences.set([cast.competence])
    add_entry(
        enrolment=cast.enrolment,
        by=cast.learner,
        kind=EntryKind.SELF_ASSESSMENT,
        title="Inschatting",
        text="x",
        ratings={cast.competence: 3, cast.competence.parent: 5},
    )
    linked, page = _count(client, url)
    assert linked == plain
    assert "Eigen inschatting: VH 5/5 · VH.1 3/5" in page
    assert page.count('<span class="badge badge--muted">VH.1 Subcutaan injecteren</span>') == 3


@pytest.mark.usefixtures("build_pages")
def test_a_competence_outside_the_learning_list_is_still_shown_at_one_read(cast, login):
    client = login(cast.supervisor)
    url = reverse("formative:timeline", kwargs={"uuid": cast.enrolment.uuid})
    cast.feedback.competences.set([cast.competence])
    known, _page = _count(client, url)

    cast.feedback.competences.add(_draft_competence(cast))
    outside, page = _count(client, url)
    assert outside == known + 1
    assert "CK.1 Nog in concept" in page
    # The draft framework's competence is not offered in the filter.
    options = page[page.index('<select name="competence"') :]
    assert "CK.1" not in options[: options.index("</select>")]


def test_attach_orders_tags_as_the_framework_does(cast):
    parent = cast.competence.parent
    cast.feedback.competences.set([cast.competence, parent])
    rows = attach(with_feedback_links(Feedback.objects.filter(pk=cast.feedback.pk)))
    assert rows[0].tags == [parent, cast.competence]
    assert rows[0].ratings == []


def test_attach_gives_entries_their_ratings(cast):
    entry = add_entry(
        enrolment=cast.enrolment,
        by=cast.learner,
        kind=EntryKind.SELF_ASSESSMENT,
        title="Inschatting",
        text="x",
        ratings={cast.competence: 2},
    )
    (row,) = attach(with_entry_links(PortfolioEntry.objects.filter(pk=entry.pk)))
    assert [(r.competence, r.level) for r in row.ratings] == [(cast.competence, 2)]
    assert row.tags == [cast.competence]
    (plain,) = attach(with_entry_links(PortfolioEntry.objects.filter(pk=cast.entry.pk)))
    assert plain.tags == [] and plain.ratings == []


def test_release_detail_shows_tags_and_its_queries_do_not_grow(cast, login):
    release = cast.release
    url = reverse("formative:release_detail", kwargs={"uuid": release.uuid})
    client = login(cast.assessor)
    cast.feedback.competences.set([cast.competence])
    one, _page = _count(client, url)

    more = add_entry(
        enrolment=cast.enrolment,
        by=cast.learner,
        kind=EntryKind.SELF_ASSESSMENT,
        title="Inschatting voor mijn beoordeling",
        text="x",
        ratings={cast.competence: 4},
    )
    extra = Feedback.objects.create(
        organisation=cast.organisation,
        enrolment=cast.enrolment,
        narrative="Nog een observatie.",
        author=cast.supervisor,
    )
    extra.competences.set([cast.competence.parent])
    release.feedback.add(extra)
    release.entries.add(more)
    three, page = _count(client, url)
    assert three == one
    assert "VH.1 Subcutaan injecteren" in page
    assert "VH Verpleegtechnische handelingen" in page
    assert "Eigen inschatting: VH.1 4/5" in page
