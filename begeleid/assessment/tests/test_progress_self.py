"""The learner's own view (eigen inschatting) beside the assessors' on the progress page.

Self-ratings are formative: the learner and their current supervisors always see them;
an assessor (or anyone else who may open the page) only those of self-assessments the
learner released to them, and no longer once the release is revoked."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.models import Competence
from begeleid.assessment.progress import radar_geometry
from begeleid.assessment.tests.test_progress import _sign
from begeleid.formative.enums import EntryKind
from begeleid.formative.services.portfolio import add_entry, release_items, revoke_release
from begeleid.programmes.enums import Capacity

SELF_POINT = re.compile(
    r'<rect x="([\d.]+)" y="([\d.]+)" width="9" height="9" [^>]*'
    r'data-competence="([^"]*)" data-self-level="(\d)"'
)
DASHED = re.compile(r'<polygon [^>]*stroke-dasharray="7 5"/>')
FORMATIVE_NOTE = (
    "Eigen inschattingen zijn formatief: je ziet alleen die uit zelfbeoordelingen die de "
    "lerende aan jou heeft vrijgegeven."
)


def _url(cast):
    return reverse("assessment:learner_progress", kwargs={"uuid": cast.enrolment.uuid})


def _three_assessed(cast):
    """VH, VH.1 and VH.2 each with a signed decision (levels 2, 1 and 2 of 2)."""
    wound = Competence.objects.create(
        organisation=cast.organisation,
        framework=cast.framework,
        parent=cast.competence.parent,
        code="VH.2",
        title="Wondzorg",
        sequence=2,
    )
    cast.assessment.delete()
    _sign(cast, cast.enrolment, cast.competence, [1])
    _sign(cast, cast.enrolment, wound, [2])
    return [cast.competence.parent, cast.competence, wound]


def _self_assess(cast, ratings, *, days_ago=0, title="Zelfbeoordeling"):
    entry = add_entry(
        enrolment=cast.enrolment,
        by=cast.learner,
        kind=EntryKind.SELF_ASSESSMENT,
        title=title,
        text="Zo sta ik ervoor.",
        ratings=ratings,
    )
    if days_ago:
        entry.recorded_at = timezone.now() - datetime.timedelta(days=days_ago)
        entry.save(update_fields=["recorded_at"])
    return entry


def _release_to_assessor(cast, entry):
    return release_items(
        enrolment=cast.enrolment,
        by=cast.learner,
        assignment=cast.enrolment.assignments.get(capacity=Capacity.ASSESSOR),
        purpose="Voor mijn beoordeling",
        feedback=[],
        entries=[entry],
    )


def test_learner_sees_the_latest_self_rating_as_a_dashed_second_polygon(cast, client):
    care, injecting, wound = _three_assessed(cast)
    _self_assess(cast, {care: 1, injecting: 1, wound: 1}, days_ago=30, title="Eerder")
    _self_assess(cast, {care: 3, injecting: 4, wound: 2})
    client.force_login(cast.learner)
    response = client.get(_url(cast))
    body = response.content.decode()
    assert body.count("<polygon ") == 2
    assert len(DASHED.findall(body)) == 1
    progress = response.context["progress"]
    assert [(a.competence.code, a.level, a.top, a.self_level) for a in progress.axes] == [
        ("VH", 2.0, 2, 3),
        ("VH.1", 1.0, 2, 4),
        ("VH.2", 2.0, 2, 2),
    ]
    expected = [
        (f"{sx - 4.5:.1f}", f"{sy - 4.5:.1f}", a.competence.code, str(a.self_level))
        for a, _end, _point, (sx, sy) in radar_geometry(progress.axes)
    ]
    assert SELF_POINT.findall(body) == expected
    # The text alternatives: a legend and a table with both values per competence.
    assert "Eigen inschatting van de lerende (laatste zelfbeoordeling)" in body
    assert (
        '<th scope="row">VH.1 Subcutaan injecteren</th>\n'
        '        <td data-label="Beoordelaars">1 / 2</td>\n'
        '        <td data-label="Eigen inschatting">4 / 5 · voert zelfstandig uit'
    ) in body
    assert "gestippelde lijn, vierkante punten" in body


def test_a_self_rated_competence_without_a_decision_is_in_the_table_only(cast, client):
    care = cast.signed_assessment.competence
    _self_assess(cast, {care: 2, cast.competence: 3})
    client.force_login(cast.supervisor)
    body = client.get(_url(cast)).content.decode()
    assert (
        '<th scope="row">VH.1 Subcutaan injecteren</th>\n'
        '        <td data-label="Beoordelaars"><span class="muted">nog niet beoordeeld</span></td>'
    ) in body
    assert [code for _x, _y, code, _lvl in SELF_POINT.findall(body)] == ["VH"]
    assert DASHED.findall(body) == []  # one axis: points, no polygon


def test_current_supervisor_sees_unreleased_self_ratings(cast, client):
    care, injecting, wound = _three_assessed(cast)
    _self_assess(cast, {care: 3, injecting: 3, wound: 3})
    client.force_login(cast.supervisor)
    body = client.get(_url(cast)).content.decode()
    assert len(SELF_POINT.findall(body)) == 3
    assert FORMATIVE_NOTE not in body


def test_assessor_sees_self_ratings_only_while_the_entry_is_released_to_them(cast, client):
    care, injecting, wound = _three_assessed(cast)
    entry = _self_assess(cast, {care: 3, injecting: 4, wound: 2})
    client.force_login(cast.assessor)

    hidden = client.get(_url(cast))
    body = hidden.content.decode()
    assert hidden.status_code == 200
    assert hidden.context["progress"].self_ratings == {}
    assert "data-self-level" not in body
    assert '<th scope="col">Eigen inschatting</th>' not in body
    assert FORMATIVE_NOTE in body
    assert body.count("<polygon ") == 1

    release = _release_to_assessor(cast, entry)
    shown = client.get(_url(cast)).content.decode()
    assert [lvl for _x, _y, _c, lvl in SELF_POINT.findall(shown)] == ["3", "4", "2"]
    assert len(DASHED.findall(shown)) == 1
    assert FORMATIVE_NOTE in shown

    revoke_release(release=release, by=cast.learner)
    again = client.get(_url(cast)).content.decode()
    assert "data-self-level" not in again


def test_assessor_sees_only_the_released_self_assessment_not_a_newer_one(cast, client):
    care, injecting, wound = _three_assessed(cast)
    released = _self_assess(cast, {care: 2, injecting: 2, wound: 2}, days_ago=20)
    _self_assess(cast, {care: 4, injecting: 4, wound: 4}, title="Nieuwer, niet vrijgegeven")
    _release_to_assessor(cast, released)
    client.force_login(cast.assessor)
    body = client.get(_url(cast)).content.decode()
    assert [lvl for _x, _y, _c, lvl in SELF_POINT.findall(body)] == ["2", "2", "2"]
    client.force_login(cast.learner)
    own = client.get(_url(cast)).content.decode()
    assert [lvl for _x, _y, _c, lvl in SELF_POINT.findall(own)] == ["4", "4", "4"]


def test_team_leader_does_not_see_self_ratings_released_to_assessors(cast, client):
    care, injecting, wound = _three_assessed(cast)
    _release_to_assessor(cast, _self_assess(cast, {care: 3, injecting: 3, wound: 3}))
    client.force_login(cast.team_leader)
    body = client.get(_url(cast)).content.decode()
    assert "data-self-level" not in body
    assert FORMATIVE_NOTE in body


def test_progress_with_self_ratings_queries_do_not_grow(cast, client):
    care = cast.signed_assessment.competence
    _self_assess(cast, {care: 2})
    client.force_login(cast.assessor)
    _release_to_assessor(cast, _self_assess(cast, {care: 3}))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(cast)).status_code == 200
        return len(queries)

    one = count()
    _three_assessed(cast)
    _release_to_assessor(cast, _self_assess(cast, {care: 4, cast.competence: 2}))
    _release_to_assessor(cast, _self_assess(cast, {cast.competence: 5}))
    assert len(client.get(_url(cast)).context["progress"].self_ratings) == 2
    assert count() == one


def test_assessment_detail_links_the_progress_page_for_the_assessor(cast, client):
    detail = reverse("assessment:assessment_detail", kwargs={"uuid": cast.signed_assessment.uuid})
    link = f'<a href="{_url(cast)}">Voortgang van de lerende</a>'
    client.force_login(cast.assessor)
    assert link in client.get(detail).content.decode()
