"""The lean reads of the moment list and the capacity page give what the full reads give:
names, overlaps, pages, guiding people, form choices and widget HTML."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from begeleid.guidance import queries, services
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.forms import DateInput, NumberInput, ReservationForm
from begeleid.guidance.models import GuidanceMoment
from begeleid.guidance.queries.moments import (
    LISTED_FIELDS,
    MOMENT_PAGE_SIZE,
    OwnMomentList,
    moment_rows,
)
from begeleid.programmes.enums import GuidanceForm
from tests.factories import PersonFactory

from .helpers import at, enrol_learner, plan

pytestmark = pytest.mark.django_db


def _moments_with_overlaps(cast):
    other = enrol_learner(cast, "Anna Aalbers")
    plan(cast, starts_at=at(2, 10, 30), enrolments=[cast.enrolment, other])  # overlaps cast's
    plan(cast, starts_at=at(2, 11), participants=[cast.supervisor, cast.specialist])  # touches
    plan(cast, starts_at=at(2, 10), status=MomentStatus.CANCELLED)
    plan(cast, starts_at=at(5, 9), enrolments=[other], participants=[])


def test_moment_rows_name_the_people_and_the_overlaps_as_the_full_reads_do(cast):
    _moments_with_overlaps(cast)
    ids = GuidanceMoment.objects.order_by("starts_at", "id").values_list("pk", flat=True)
    full = list(queries.with_people(GuidanceMoment.objects.filter(pk__in=ids)))
    lean, overlaps = moment_rows(GuidanceMoment.objects.filter(pk__in=ids).only(*LISTED_FIELDS))
    assert overlaps == queries.overlap_names(full)
    assert overlaps[cast.moment.pk] == ["Bea Begeleider", "Lies Lerende"]
    assert [(m.pk, m.learner_list, m.participant_list, m.overlap_list) for m in lean] == [
        (
            m.pk,
            ", ".join(ml.enrolment.learner.full_name for ml in m.learners.all()),
            ", ".join(p.person.full_name for p in m.participants.all()),
            ", ".join(overlaps[m.pk]) if m.pk in overlaps else None,
        )
        for m in full
    ]
    assert moment_rows(lean, overlaps=False)[1] == {}
    # With the other moments off the list.
    one = GuidanceMoment.objects.filter(pk=cast.moment.pk)
    assert moment_rows(one.only(*LISTED_FIELDS))[1] == queries.overlap_names(
        queries.with_people(one)
    )
    assert moment_rows(one.only(*LISTED_FIELDS))[1] == {
        cast.moment.pk: ["Bea Begeleider", "Lies Lerende"]
    }


def test_own_moment_list_counts_and_pages_as_the_own_moments_do(cast):
    for day in range(1, MOMENT_PAGE_SIZE + 4):
        plan(cast, starts_at=at(day, 8), participants=[cast.supervisor])
        plan(cast, starts_at=at(-day, 8), participants=[cast.supervisor])
    now = timezone.now()
    upcoming = queries.own_moments(cast.supervisor).filter(starts_at__gte=now)
    past = (
        queries.own_moments(cast.supervisor).filter(starts_at__lt=now).order_by("-starts_at", "-id")
    )
    for moments, listed in [
        (upcoming, OwnMomentList(cast.supervisor, now)),
        (past, OwnMomentList(cast.supervisor, now, past=True)),
    ]:
        count = moments.count()
        assert count > MOMENT_PAGE_SIZE
        assert listed.count() == count
        for bottom, top in [(0, MOMENT_PAGE_SIZE), (MOMENT_PAGE_SIZE, count), (0, 3)]:
            assert list(listed[bottom:top]) == list(moments[bottom:top])
    assert OwnMomentList(cast.stranger, now).count() == 0
    assert OwnMomentList(cast.stranger, now)[0:MOMENT_PAGE_SIZE] == []


def test_team_capacity_marks_the_guiding_people_of_the_team(cast):
    reserved_only = PersonFactory(organisation=cast.organisation, full_name="Rita Reserve")
    services.reserve_capacity(
        team=cast.team,
        person=reserved_only,
        hours_per_week=2,
        valid_from=timezone.localdate(),
        valid_until=None,
        by=cast.team_leader,
    )
    rows = queries.team_capacity(cast.team)
    assert reserved_only in [row.person for row in rows]
    assert [row.person for row in rows if row.guiding] == list(
        queries.guiding_people_of_team(cast.team)
    )


def test_reservation_form_offers_the_people_given_as_it_offers_a_queryset(cast):
    people = queries.guiding_people_of_team(cast.team)
    assert str(ReservationForm(list(people))) == str(ReservationForm(people))
    with pytest.raises(TypeError):
        ReservationForm(list(people), {"person": str(cast.supervisor.pk)})


@pytest.mark.parametrize("value", [None, "", 2, "3", "x"])
def test_guidance_input_widgets_render_as_djangos(value):
    attrs = {"id": "i", "required": True, "disabled": False, "data-x": 'y"'}
    for ours, django in ((NumberInput, forms.NumberInput), (DateInput, forms.DateInput)):
        assert ours(attrs=dict(attrs)).render("n", value) == django(attrs=dict(attrs)).render(
            "n", value
        )


def test_moment_list_shows_the_dates_labels_and_overlaps_of_its_rows(cast, login):
    _moments_with_overlaps(cast)
    html = login(cast.supervisor).get(reverse("guidance:moment_list")).content.decode()
    start = date_format(timezone.localtime(cast.moment.starts_at), "D j M Y H:i")
    assert f"{start} <span" in html
    assert "Overlapt voor Bea Begeleider, Lies Lerende" in html
    assert f"{GuidanceForm.COACHING_ON_THE_JOB.label} · Kamer 12" in html
