import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext

from begeleid.core.compiled import CompiledOnce, PreparedQuery
from begeleid.organisations.models import Membership

pytestmark = pytest.mark.django_db


def _since(since):
    return Exists(Membership.objects.filter(person_id=OuterRef("pk"), valid_from__gte=since))


def _memberships(since):
    rows = (
        Membership.objects.filter(person_id=OuterRef("pk"), valid_from__gte=since)
        .order_by()
        .values("person_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


@pytest.mark.parametrize(
    ("build", "field"), [(_since, BooleanField()), (_memberships, IntegerField())]
)
def test_compiled_once_reads_what_the_orm_reads_for_every_value(cast, build, field):
    person = get_user_model()
    compiled = CompiledOnce(person, build, field, since=DateField())
    days = [datetime.date(2000, 1, 1), datetime.date.today(), datetime.date(2999, 1, 1)]
    results = []
    for day in days:
        orm = dict(person.objects.annotate(v=build(day)).values_list("pk", "v"))
        with CaptureQueriesContext(connection) as ctx:
            read = dict(person.objects.annotate(v=compiled(since=day)).values_list("pk", "v"))
        assert read == orm
        assert len(ctx.captured_queries) == 1
        results.append(read)
    # The value is bound per call: everyone has a membership since 2000, nobody since 2999.
    assert results[0] != results[-1]
    # Compiled once for the database, then only bound.
    assert len(compiled._compiled) == 1


def _memberships_of(person, teams):
    return (
        Membership.objects.filter(person_id=person, team_id__in=teams)
        .select_related("team", "person")
        .order_by("team__name", "id")
    )


def test_prepared_query_reads_what_the_orm_reads_with_related_objects(cast):
    prepared = PreparedQuery(_memberships_of, person=IntegerField(), teams=[IntegerField()])
    held = Membership.objects.exclude(team=None)
    lengths = set()
    for person_id in held.values_list("person_id", flat=True).distinct():
        teams = list(held.filter(person_id=person_id).values_list("team_id", flat=True))
        lengths.add(len(teams))
        orm = list(_memberships_of(person_id, teams))
        with CaptureQueriesContext(connection) as ctx:
            read = prepared(person=person_id, teams=teams)
            names = [(m.team.name, m.person.full_name) for m in read]
        assert [m.pk for m in read] == [m.pk for m in orm]
        assert names == [(m.team.name, m.person.full_name) for m in orm]
        assert len(ctx.captured_queries) == 1  # the related objects came with the rows
    # Compiled once per power of two the lists' lengths round up to, then only bound.
    assert len(prepared._compiled) == len({1 << (n - 1).bit_length() for n in lengths})
    many = list(range(1, 6))  # five values: read as eight, with the fifth repeated
    assert prepared(person=0, teams=many) == list(_memberships_of(0, many))
    assert ("default", connection.vendor, (("teams", 8),), None) in prepared._compiled


def test_prepared_query_binds_each_call_and_reads_nothing_for_an_empty_list(cast):
    prepared = PreparedQuery(_memberships_of, person=IntegerField(), teams=[IntegerField()])
    learner = cast.learner
    team_ids = list(
        Membership.objects.filter(person=learner)
        .exclude(team=None)
        .values_list("team_id", flat=True)
    )
    assert team_ids
    assert {m.person_id for m in prepared(person=learner.pk, teams=team_ids)} == {learner.pk}
    other = cast.supervisor
    assert all(m.person_id == other.pk for m in prepared(person=other.pk, teams=team_ids))
    with CaptureQueriesContext(connection) as ctx:
        assert prepared(person=learner.pk, teams=[]) == []
    assert ctx.captured_queries == []


def test_prepared_query_gives_values_and_runs_prefetches(cast):
    def names(since):
        return (
            get_user_model()
            .objects.filter(memberships__valid_from__gte=since)
            .distinct()
            .order_by("full_name")
        )

    prepared_values = PreparedQuery(
        lambda since: names(since).values_list("full_name", flat=True), since=DateField()
    )
    day = datetime.date(2000, 1, 1)
    assert prepared_values(since=day) == list(names(day).values_list("full_name", flat=True))
    assert prepared_values(since=datetime.date(2999, 1, 1)) == []
    prefetching = PreparedQuery(
        lambda since: names(since).prefetch_related("memberships"), since=DateField()
    )
    with CaptureQueriesContext(connection) as ctx:
        people = prefetching(since=day)
        counts = [len(p.memberships.all()) for p in people]
    assert counts == [p.memberships.count() for p in names(day)]
    assert len(ctx.captured_queries) == 2


def test_prepared_query_compiles_again_for_another_shape(cast):
    limits = {"rows": 1}
    prepared = PreparedQuery(
        lambda organisation: Membership.objects.filter(organisation_id=organisation).order_by("id")[
            : limits["rows"]
        ],
        shape=lambda: limits["rows"],
        organisation=IntegerField(),
    )
    organisation = cast.learner.organisation_id
    assert len(prepared(organisation=organisation)) == 1
    limits["rows"] = 100
    everyone = Membership.objects.filter(organisation_id=organisation).count()
    assert len(prepared(organisation=organisation)) == everyone > 1
