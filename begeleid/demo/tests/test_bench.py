"""The benchmark command (manage.py bench) and the data generator's contract."""

import datetime
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.http import HttpResponse

from begeleid.accounts.models import Person
from begeleid.demo import bench
from begeleid.demo.generator import PROFILES, Profile, generate
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership

RESULT_KEYS = {"page", "size", "queries", "median_ms", "p95_ms"}


def learners_one_by_one(request):
    """A page with an N+1: one query per learner, so its query count grows with the data."""
    ids = Membership.objects.filter(role=Role.LEARNER).values_list("person_id", flat=True)
    names = [Person.objects.get(pk=pk).full_name for pk in ids]
    return HttpResponse(", ".join(names))


HELLO_ONLY = [bench.HELLO]

SERVED_BY = []


def which_database(request):
    """Notes which size's database served the request."""
    SERVED_BY.append(connection.settings_dict["NAME"])
    return HttpResponse("ok")


WHICH_DATABASE = [
    bench.HELLO,
    bench.Page("which database", user=bench.typical_learner, view=which_database),
]
GROWING_PAGES = [
    bench.HELLO,
    bench.Page("learners one by one", user=bench.typical_hr, view=learners_one_by_one),
]


@pytest.fixture
def bench_db(django_db_blocker):
    """The benchmark makes and drops its own databases; it only needs database access."""
    with django_db_blocker.unblock():
        yield


def test_bench_writes_every_key_page_at_each_size_as_json(bench_db, tmp_path, capsys):
    out = tmp_path / "bench.json"

    call_command("bench", sizes="XS,XS", runs=2, json_path=str(out))

    results = json.loads(out.read_text())
    assert all(set(r) == RESULT_KEYS for r in results)
    assert [r["size"] for r in results if r["page"] == "hello"] == ["XS", "XS"]
    measured = {r["page"] for r in results}
    key_pages = {p.name for p in bench.PAGES if p.key}
    table = capsys.readouterr().out
    skipped = {p for p in key_pages if f"skipped: {p} [XS]" in table}
    assert measured == (key_pages - skipped) | {"hello"}
    for page in measured:
        counts = [r["queries"] for r in results if r["page"] == page]
        assert len(counts) == 2 and counts[0] == counts[1]
    assert all(r["median_ms"] > 0 and r["p95_ms"] >= r["median_ms"] for r in results)
    assert table.splitlines()[0].split()[:5] == ["page", "size", "queries", "median", "ms"]


def test_bench_fails_when_a_key_page_query_count_differs_between_sizes(
    bench_db, tmp_path, capsys, monkeypatch
):
    # A second tiny size (three learners more than XS) keeps this test fast; generating
    # size S here would cost minutes.
    monkeypatch.setitem(PROFILES, "XSPLUS", Profile("XSPLUS", 1, 2, 23, 40))
    out = tmp_path / "bench.json"

    with pytest.raises(CommandError, match="query count differs between sizes") as failure:
        call_command(
            "bench",
            sizes="XS,XSPLUS",
            runs=2,
            json_path=str(out),
            pages="begeleid.demo.tests.test_bench.GROWING_PAGES",
        )

    assert failure.value.returncode == 1
    counts = {r["size"]: r["queries"] for r in json.loads(out.read_text()) if r["page"] != "hello"}
    assert counts["XSPLUS"] - counts["XS"] == 23 - 20  # one query per learner
    assert "QUERY COUNT DIFFERS BETWEEN SIZES" in capsys.readouterr().out


def test_bench_goes_round_the_sizes_in_blocks(bench_db, monkeypatch):
    """The timed requests alternate between the sizes' databases (S, M, S, M, …), so a
    change in the machine's load falls on both sizes alike."""
    monkeypatch.setattr(bench.runner, "BLOCKS", 3)
    SERVED_BY.clear()

    call_command(
        "bench", sizes="XS,XS", runs=3, pages="begeleid.demo.tests.test_bench.WHICH_DATABASE"
    )

    switches = [name for i, name in enumerate(SERVED_BY) if i == 0 or name != SERVED_BY[i - 1]]
    first, second = switches[:2]
    assert first != second
    # Prepared and counted on each, then three timed blocks on each in turn.
    assert switches == [first, second] * 4


def test_bench_leaves_the_configured_database_alone(bench_db, tmp_path):
    name = connection.settings_dict["NAME"]

    call_command("bench", sizes="XS", runs=1, pages="begeleid.demo.tests.test_bench.HELLO_ONLY")

    assert connection.settings_dict["NAME"] == name


# Both behaviours exist only on SQLite (PostgreSQL takes size L; --reuse keeps SQLite files).
sqlite_only = pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"], reason="SQLite-only behaviour"
)


@sqlite_only
def test_generate_data_refuses_size_l_on_sqlite(db):
    with pytest.raises(CommandError, match="Size L needs PostgreSQL"):
        call_command("generate_data", size="L")


def test_generate_data_refuses_a_database_with_organisations(db):
    call_command("generate_data", size="XS")

    with pytest.raises(CommandError, match="already holds organisations"):
        call_command("generate_data", size="XS")


def _snapshot():
    return sorted(
        Membership.objects.values_list(
            "person__email", "person__full_name", "role", "team__name", "valid_from"
        )
    )


def _generate_and_roll_back(seed):
    with transaction.atomic():
        generate("XS", seed=seed, today=datetime.date(2026, 3, 2))
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_generator_same_seed_gives_the_same_data(db):
    first = _generate_and_roll_back(seed=7)

    assert _generate_and_roll_back(seed=7) == first
    assert _generate_and_roll_back(seed=8) != first
    assert sum(1 for row in first if row[2] == Role.LEARNER) == 20


@sqlite_only
def test_bench_reuse_keeps_the_generated_database_and_measures_it_again(
    bench_db, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(bench.runner, "REUSE_DIR", tmp_path / "kept")
    args = {"sizes": "XS", "runs": 1, "pages": "begeleid.demo.tests.test_bench.HELLO_ONLY"}

    call_command("bench", reuse=True, **args)
    first = capsys.readouterr().err
    call_command("bench", reuse=True, **args)
    second = capsys.readouterr().err

    assert (tmp_path / "kept" / "bench_xs_seed1.sqlite3").exists()
    assert "[XS] generated in" in first and "reusing" not in first
    assert "[XS] reusing the data generated earlier" in second
    assert "generated in" not in second
