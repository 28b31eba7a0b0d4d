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

from begeleid.core.compiled import CompiledOnce
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
