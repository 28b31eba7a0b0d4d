"""The page benchmark behind ``manage.py bench`` (see docs/performance.md).

For each size the benchmark generates data into a fresh database, then requests every
key page in ``PAGES`` as a typical user of that page with Django's test client, in this
one process: the query count, and the median and 95th percentile time over ``runs``
requests after a warm-up. A trivial "hello" view, mounted only for the benchmark, is the
yardstick for the page/hello ratio.

``PAGES`` is the registry: a domain issue that adds a key page or a dashboard appends a
``Page`` here. A page whose URL does not exist (yet) is skipped and reported as such.
"""

import gc
import statistics
import sys
import tempfile
import time
import types
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone

from begeleid.organisations.enums import Role

from .generator import PROFILES, generate

# Targets from DESIGN.md §8; exceeding one is flagged in the table.
MAX_QUERIES = 10
MAX_SIZE_RATIO = 1.5
MAX_HELLO_RATIO = 20.0
WARMUP = 3
NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}


@dataclass
class Target:
    """One generated database: the size, its first organisation and the generator context."""

    size: str
    index: int
    ctx: object
    organisation: object = None
    _memo: dict = field(default_factory=dict)

    def memo(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


@dataclass(frozen=True)
class Page:
    """A page to measure.

    ``url`` is a URL name; ``user(target)`` picks the typical user (``None``: anonymous);
    ``args(target, user)`` gives the URL arguments; ``data(target, user)`` the POST body.
    ``view`` mounts a view at ``bench/<name>/`` for the benchmark only (like "hello").
    A page answers ``status``; a POST usually redirects (302).
    """

    name: str
    url: str = ""
    user: Callable | None = None
    args: Callable | None = None
    method: str = "GET"
    data: Callable | None = None
    status: int = 200
    view: Callable | None = None
    key: bool = True


@dataclass
class Result:
    page: str
    size: str
    queries: int
    median_ms: float
    p95_ms: float

    def as_json(self):
        return {
            "page": self.page,
            "size": self.size,
            "queries": self.queries,
            "median_ms": round(self.median_ms, 3),
            "p95_ms": round(self.p95_ms, 3),
        }


@dataclass
class Report:
    sizes: list
    results: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (page, size, reason)
    errors: list = field(default_factory=list)  # (page, size, message)
    key_pages: set = field(default_factory=set)

    def result(self, page, size):
        return next((r for r in self.results if r.page == page and r.size == size), None)

    def differing_query_counts(self) -> list[str]:
        """Key pages whose query count is not the same at every size measured."""
        differing = []
        for page in dict.fromkeys(r.page for r in self.results):
            counts = {r.queries for r in self.results if r.page == page}
            if page in self.key_pages and len(counts) > 1:
                differing.append(page)
        return differing

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.differing_query_counts())


# --- Typical users --------------------------------------------------------------------
# "Typical" is the person with the median workload for the page, ties broken by id, so
# the same seed always picks the same person.


def _median_person(measure: dict):
    """The person id with the median value in ``{person_id: value}``, as a Person."""
    if not measure:
        return None
    ranked = sorted(measure, key=lambda pk: (measure[pk], pk))
    from begeleid.accounts.models import Person

    return Person.objects.get(pk=ranked[len(ranked) // 2])


def _holders(target, *roles):
    """``[(person_id, team_id)]`` of today's memberships with one of ``roles``."""
    from begeleid.organisations.models import Membership

    return list(
        Membership.objects.filter(organisation=target.organisation, role__in=roles)
        .active_on(timezone.localdate())
        .values_list("person_id", "team_id")
    )


def _learners_per_team(target):
    def compute():
        counts = {}
        for _, team_id in _holders(target, Role.LEARNER):
            counts[team_id] = counts.get(team_id, 0) + 1
        return counts

    return target.memo("learners_per_team", compute)


def _feedback_per_learner(target):
    """How much formative feedback each learner has received (empty without formative)."""
    if not apps.is_installed("begeleid.formative"):
        return {}
    from django.db.models import Count

    model = apps.get_model("formative", "Feedback")
    learner_field = next(
        (f for f in ("learner", "enrolment__learner") if _has_path(model, f)), None
    )
    if learner_field is None:
        return {}
    rows = (
        model.objects.filter(organisation=target.organisation)
        .values(learner_field)
        .annotate(n=Count("id"))
        .values_list(learner_field, "n")
    )
    return dict(rows)


def _has_path(model, lookup):
    for part in lookup.split("__"):
        try:
            model = model._meta.get_field(part).related_model or model
        except Exception:
            return False
    return True


def typical_learner(target):
    def compute():
        feedback = _feedback_per_learner(target)
        return _median_person({pk: feedback.get(pk, 0) for pk, _ in _holders(target, Role.LEARNER)})

    return target.memo("learner", compute)


def typical_supervisor(target):
    """The supervisor with the median number of learners they guide today."""

    def compute():
        measure = {}
        if apps.is_installed("begeleid.programmes"):
            from begeleid.programmes.models import SupervisionAssignment

            rows = (
                SupervisionAssignment.objects.active()
                .filter(organisation=target.organisation)
                .values_list("person_id", "enrolment__learner_id")
            )
            for person_id, learner_id in rows:
                measure.setdefault(person_id, set()).add(learner_id)
            measure = {pk: len(learners) for pk, learners in measure.items()}
        if not measure:  # no assignments: the learners of their team, shared out
            per_team = _learners_per_team(target)
            holders = _holders(target, Role.SUPERVISOR)
            supervisors = {}
            for _, team_id in holders:
                supervisors[team_id] = supervisors.get(team_id, 0) + 1
            measure = {
                pk: per_team.get(team_id, 0) // supervisors[team_id] for pk, team_id in holders
            }
        return _median_person(measure)

    return target.memo("supervisor", compute)


def _typical_team_person(role):
    """The holder of ``role`` with the median number of learners in their teams."""

    def pick(target):
        def compute():
            per_team = _learners_per_team(target)
            measure = {}
            for pk, team_id in _holders(target, role):
                measure[pk] = measure.get(pk, 0) + per_team.get(team_id, 0)
            return _median_person(measure)

        return target.memo(role, compute)

    return pick


def _organisation_person(role):
    def pick(target):
        return target.memo(
            role, lambda: _median_person({pk: 0 for pk, _ in _holders(target, role)})
        )

    return pick


def _enrolments_of_learner(target, learner_id):
    from begeleid.programmes.models import Enrolment

    return list(
        Enrolment.objects.filter(learner_id=learner_id).order_by("id").values_list("id", "uuid")
    )


def typical_learner_enrolment(target, user=None):
    """The typical learner's first enrolment (its UUID, as URL argument)."""
    if not apps.is_installed("begeleid.programmes"):
        raise Skip("no programmes app")
    learner = typical_learner(target)
    enrolments = _enrolments_of_learner(target, learner.pk) if learner else []
    if not enrolments:
        raise Skip("the typical learner has no enrolment")
    return [enrolments[0][1]]


def typical_supervised_enrolment(target, user=None):
    """Of the typical supervisor's learners, the enrolment with the median feedback count."""

    def compute():
        from begeleid.programmes.models import SupervisionAssignment

        supervisor = typical_supervisor(target)
        rows = (
            SupervisionAssignment.objects.active()
            .filter(person=supervisor)
            .values_list("enrolment_id", "enrolment__uuid", "enrolment__learner_id")
            .order_by("enrolment_id")
        )
        feedback = _feedback_per_learner(target)
        ranked = sorted(rows, key=lambda row: (feedback.get(row[2], 0), row[0]))
        return [ranked[len(ranked) // 2][1]] if ranked else None

    if not apps.is_installed("begeleid.programmes"):
        raise Skip("no programmes app")
    args = target.memo("supervised_enrolment", compute)
    if args is None:
        raise Skip("the typical supervisor guides no enrolment")
    return args


def team_of(target, user):
    """The team (UUID) in which ``user`` holds the most learners: their own team page."""
    from begeleid.organisations.models import Team

    per_team = _learners_per_team(target)
    teams = [
        team_id
        for pk, team_id in _holders(target, Role.TEAM_LEADER, Role.PRACTICE_TRAINER)
        if pk == user.pk
    ]
    if not teams:
        raise Skip("the typical user leads no team")
    team_id = max(sorted(teams), key=lambda t: per_team.get(t, 0))
    return [Team.objects.values_list("uuid", flat=True).get(pk=team_id)]


def feedback_form_data(target, user):
    return {
        "kind": "feedback",
        "narrative": "Tijdens de overdracht gaf je een helder SBAR-verslag.",
        "went_well": "Rustig en volledig.",
        "to_improve": "Noem de vitale waarden eerder.",
        "next_step": "Morgen de overdracht van twee patiënten.",
    }


typical_practice_trainer = _typical_team_person(Role.PRACTICE_TRAINER)
typical_team_leader = _typical_team_person(Role.TEAM_LEADER)
typical_hr = _organisation_person(Role.HR)
typical_admin = _organisation_person(Role.ADMIN)


def hello(request):
    """The yardstick: the same middleware (session, user, CSP) and nothing else."""
    return HttpResponse("hello")


# --- The registry ---------------------------------------------------------------------

# Requested by the typical learner, so it pays the same per-request cost as the pages.
HELLO = Page("hello", user=typical_learner, view=hello, key=False)

PAGES = [
    HELLO,
    Page("learner home", "reports:home", typical_learner),
    Page("supervisor home (my learners)", "reports:home", typical_supervisor),
    Page("practice trainer home (team overview)", "reports:home", typical_practice_trainer),
    Page("team leader home (team overview)", "reports:home", typical_team_leader),
    Page("organisation home (HR)", "reports:home", typical_hr),
    Page("admin home", "reports:home", typical_admin),
    Page(
        "learner timeline (learner)",
        "formative:timeline",
        typical_learner,
        typical_learner_enrolment,
    ),
    Page(
        "learner timeline (supervisor)",
        "formative:timeline",
        typical_supervisor,
        typical_supervised_enrolment,
    ),
    Page(
        "feedback form submit",
        "formative:feedback_create",
        typical_supervisor,
        typical_supervised_enrolment,
        method="POST",
        data=feedback_form_data,
        status=302,
    ),
    # Dashboards and overviews.
    Page(
        "enrolment list (practice trainer)", "programmes:enrolment_list", typical_practice_trainer
    ),
    Page("guidance moments (supervisor)", "guidance:moment_list", typical_supervisor),
    Page("team capacity (team leader)", "guidance:team_capacity", typical_team_leader, team_of),
    Page("agreement coverage (HR)", "collaboration:agreement_coverage", typical_hr),
    Page("signals (team leader)", "collaboration:signals", typical_team_leader),
]


# --- Running --------------------------------------------------------------------------


def bench_urlconf(pages) -> str:
    """A urlconf module with config.urls plus the benchmark-only views; returns its name."""
    name = "begeleid_bench_urls"
    module = types.ModuleType(name)
    module.urlpatterns = [
        path(f"bench/{i}/", page.view, name=f"bench-{i}")
        for i, page in enumerate(pages)
        if page.view is not None
    ] + [path("", include("config.urls"))]
    sys.modules[name] = module
    return name


REUSE_DIR = Path(tempfile.gettempdir()) / "begeleid-bench"


@contextmanager
def fresh_database(size: str, index: int, reuse: bool = False, seed: int = 1):
    """Point the default connection at a new, empty database; drop it afterwards.

    With ``reuse`` (SQLite only) the database file is kept in ``REUSE_DIR`` and opened
    again by the next run with ``reuse``.
    """
    original = connections["default"]
    settings = {**original.settings_dict}
    vendor = original.vendor
    workdir = None
    if reuse and vendor == "sqlite":
        REUSE_DIR.mkdir(exist_ok=True)
        settings["NAME"] = str(REUSE_DIR / f"bench_{size.lower()}_seed{seed}.sqlite3")
    elif reuse:
        raise RuntimeError("--reuse is supported on SQLite only.")
    elif vendor == "sqlite":
        workdir = tempfile.TemporaryDirectory(prefix="begeleid-bench-")
        settings["NAME"] = str(Path(workdir.name) / f"bench_{size.lower()}.sqlite3")
    elif vendor == "postgresql":
        settings["NAME"] = f"begeleid_bench_{size.lower()}"
        _postgres(original, f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
        _postgres(original, f'CREATE DATABASE "{settings["NAME"]}"')
    else:
        raise RuntimeError(f"The benchmark supports SQLite and PostgreSQL, not {vendor}.")
    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, "default")
    connections["default"] = wrapper
    try:
        yield settings["NAME"]
    finally:
        wrapper.close()
        connections["default"] = original
        if workdir is not None:
            workdir.cleanup()
        elif not reuse:
            _postgres(original, f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


def _postgres(original, sql):
    with original._nodb_cursor() as cursor:
        cursor.execute(sql)


def _reset_caches():
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    cache.clear()


def run(sizes, runs=30, pages=None, seed=1, out=None, reuse=False) -> Report:
    pages = PAGES if pages is None else pages
    out = out or (lambda line: None)
    report = Report(sizes=list(sizes), key_pages={p.name for p in pages if p.key})
    urlconf = bench_urlconf(pages)
    for index, size in enumerate(sizes):
        if PROFILES[size].postgresql_only and connections["default"].vendor != "postgresql":
            raise RuntimeError(f"Size {size} needs PostgreSQL.")
        with fresh_database(size, index, reuse, seed) as name:
            out(f"[{size}] database {name}: migrating")
            call_command("migrate", verbosity=0, interactive=False)
            _reset_caches()
            from begeleid.organisations.models import Organisation

            # Generation is one transaction: a kept database has all of it or nothing.
            if reuse and Organisation.objects.exists():
                out(f"[{size}] reusing the data generated earlier; measuring")
                target = Target(
                    size, index, None, organisation=Organisation.objects.order_by("pk").first()
                )
            else:
                started = time.perf_counter()
                ctx = generate(size, seed=seed)
                out(f"[{size}] generated in {time.perf_counter() - started:.1f}s; measuring")
                target = Target(size, index, ctx, organisation=ctx.organisations[0])
            with override_settings(ROOT_URLCONF=urlconf, DEBUG=False, MAILERS=NO_MAIL):
                _measure_size(report, target, pages, runs, out)
            _reset_caches()
    return report


def _measure_size(report, target, pages, runs, out):
    prepared = []
    for i, page in enumerate(pages):
        try:
            prepared.append((page, _prepare(page, i, target)))
        except Skip as skip:
            report.skipped.append((page.name, target.size, str(skip)))
            out(f"[{target.size}] skipped {page.name}: {skip}")
    # One warm-up round over every page first, so the first page measured is not cold.
    for _page, request in prepared:
        for _ in range(WARMUP):
            request()
    for page, request in prepared:
        try:
            result = _measure(page, target.size, request, runs)
        except BenchError as error:
            report.errors.append((page.name, target.size, str(error)))
            out(f"[{target.size}] ERROR {page.name}: {error}")
            continue
        report.results.append(result)
        out(f"[{target.size}] {page.name}: {result.queries} queries, {result.median_ms:.1f} ms")


class Skip(Exception):
    pass


class BenchError(Exception):
    pass


def _prepare(page, index, target):
    """A function that makes the page's request as its typical user."""
    user = page.user(target) if page.user else None
    if page.user and user is None:
        raise Skip("no typical user in the generated data")
    if page.view is not None:
        url = reverse(f"bench-{index}")
    else:
        try:
            url = reverse(page.url, args=page.args(target, user) if page.args else None)
        except NoReverseMatch:
            raise Skip(f"URL {page.url!r} does not exist yet") from None
    # A failing page answers 500 and is reported, rather than ending the benchmark.
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    data = page.data(target, user) if page.data else None

    def request():
        if page.method == "POST":
            return client.post(url, data or {})
        return client.get(url)

    return request


def _measure(page, size, request, runs) -> Result:
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = request()
        _check(page, response)
        counts.append(len(captured.captured_queries))
    if counts[0] != counts[1]:
        raise BenchError(f"query count differs between two requests: {counts}")
    times = []
    gc.collect()
    for _ in range(runs):
        started = time.perf_counter()
        response = request()
        times.append((time.perf_counter() - started) * 1000)
        _check(page, response)
    return Result(page.name, size, counts[0], statistics.median(times), _p95(times))


def _check(page, response):
    if response.status_code != page.status:
        exc = getattr(response, "exc_info", None)
        reason = f" ({exc[0].__name__}: {exc[1]})" if exc else ""
        raise BenchError(f"answered {response.status_code}, expected {page.status}{reason}")


def _p95(values):
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


# --- The table ------------------------------------------------------------------------


def table(report: Report) -> list[str]:
    """Lines of the result table with the ratios and the flags."""
    first = report.sizes[0]
    lines = [
        f"{'page':<40} {'size':<4} {'queries':>7} {'median ms':>10} {'p95 ms':>9} "
        f"{'/' + first:>7} {'/hello':>7}  flags"
    ]
    differing = set(report.differing_query_counts())
    for result in report.results:
        base = report.result(result.page, first)
        hello = report.result(HELLO.name, result.size)
        size_ratio = result.median_ms / base.median_ms if base and base.median_ms else None
        hello_ratio = result.median_ms / hello.median_ms if hello and hello.median_ms else None
        flags = []
        if result.page in report.key_pages:
            if result.page in differing:
                flags.append("QUERY COUNT DIFFERS BETWEEN SIZES")
            if result.queries > MAX_QUERIES:
                flags.append(f"> {MAX_QUERIES} queries")
            if result.size != first and size_ratio and size_ratio > MAX_SIZE_RATIO:
                flags.append(f"{result.size}/{first} > {MAX_SIZE_RATIO}")
            if hello_ratio and hello_ratio > MAX_HELLO_RATIO:
                flags.append(f"page/hello > {MAX_HELLO_RATIO:g}")
        lines.append(
            f"{result.page[:40]:<40} {result.size:<4} {result.queries:>7} "
            f"{result.median_ms:>10.2f} {result.p95_ms:>9.2f} "
            f"{_ratio(size_ratio) if result.size != first else '':>7} "
            f"{_ratio(hello_ratio) if result.page != HELLO.name else '':>7}  {', '.join(flags)}"
        )
    for page, size, reason in report.skipped:
        lines.append(f"skipped: {page} [{size}]: {reason}")
    for page, size, message in report.errors:
        lines.append(f"ERROR: {page} [{size}]: {message}")
    return lines


def _ratio(value):
    return f"{value:.2f}" if value is not None else "-"
