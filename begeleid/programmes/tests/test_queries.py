"""get_enrolment_for: the prepared read of every enrolment page (core.compiled)."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from begeleid.programmes.enums import Capacity
from begeleid.programmes.models import Enrolment, SupervisionAssignment
from begeleid.programmes.queries import get_enrolment_for, with_assignments


def test_assignments_come_along_as_the_prefetch_gives_them(cast):
    SupervisionAssignment.objects.create(
        organisation=cast.organisation,
        enrolment=cast.enrolment,
        person=cast.specialist,
        capacity=Capacity.SUPERVISOR,
        valid_from=timezone.localdate() - datetime.timedelta(days=3),
    )
    enrolment = get_enrolment_for(cast.supervisor, cast.enrolment.uuid)
    expected = with_assignments(Enrolment.objects.filter(pk=cast.enrolment.pk)).get()
    with CaptureQueriesContext(connection) as queries:
        rows = list(enrolment.assignments.all())
        names = [(a.person.full_name, a.profession_id, a.enrolment.pk) for a in rows]
    assert len(queries) == 0
    assert [a.pk for a in rows] == [a.pk for a in expected.assignments.all()]
    assert ("Vera Vakspecialist", None, cast.enrolment.pk) in names
    assert {n[2] for n in names} == {cast.enrolment.pk}


def test_a_narrower_read_of_the_assignments_still_asks_the_database(cast):
    enrolment = get_enrolment_for(cast.supervisor, cast.enrolment.uuid)
    mine = enrolment.assignments.filter(person=cast.supervisor)
    assert [a.person_id for a in mine] == [cast.supervisor.pk]
    assert not enrolment.assignments.filter(person=cast.outsider).exists()


def test_an_enrolment_the_person_may_not_see_is_not_found(cast):
    with pytest.raises(Http404):
        get_enrolment_for(cast.outsider, cast.enrolment.uuid)
