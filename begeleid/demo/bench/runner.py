"""Running the benchmark: fresh databases, the measurements, the report and its table."""

import gc
import statistics
import sys
import tempfile
import time
import types
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import load_backend
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse

from ..generator import PROFILES, generate
from .pages import HELLO, PAGES
from .users import Skip, Target

# Targets from DESIGN.md §8; exceeding one is flagged in the table.
MAX_QUERIES = 10
MAX_SIZE_RATIO = 1.5
MAX_HELLO_RATIO = 20.0
WARMUP = 3
NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
# As deployed (README, production): sessions read from the shared cache, written through
# to the database. In this one process the local-memory cache is that shared cache.
SESSIONS = "django.contrib.sessions.backends.cached_db"


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
        settings["NAME"] = f"begeleid_bench_{size.lower()}_{index}"
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
    with ExitStack() as databases:
        # Every size's database stays open for the whole run, so that the timed requests
        # can go round the sizes (below).
        measured = []
        for index, size in enumerate(sizes):
            if PROFILES[size].postgresql_only and connections["default"].vendor != "postgresql":
                raise RuntimeError(f"Size {size} needs PostgreSQL.")
            name = databases.enter_context(fresh_database(size, index, reuse, seed))
            out(f"[{size}] database {name}: migrating")
            call_command("migrate", verbosity=0, interactive=False)
            _reset_caches()
            target = _target(size, index, reuse, seed, out)
            measured.append(_Size(target, connections["default"]))
        # Without the page body cache (core.pagecache): the bench measures what building
        # each page costs, which is what a request pays whenever its data changed.
        with override_settings(
            ROOT_URLCONF=urlconf,
            DEBUG=False,
            MAILERS=NO_MAIL,
            SESSION_ENGINE=SESSIONS,
            PAGE_BODY_CACHE=False,
        ):
            _measure(report, measured, pages, runs, out)
    _reset_caches()
    return report


def _target(size, index, reuse, seed, out):
    from begeleid.organisations.models import Organisation

    # Generation is one transaction: a kept database has all of it or nothing.
    if reuse and Organisation.objects.exists():
        out(f"[{size}] reusing the data generated earlier")
        return Target(size, index, None, organisation=Organisation.objects.order_by("pk").first())
    started = time.perf_counter()
    ctx = generate(size, seed=seed)
    out(f"[{size}] generated in {time.perf_counter() - started:.1f}s")
    return Target(size, index, ctx, organisation=ctx.organisations[0])


@dataclass
class _Size:
    """One size being measured: its data, its database connection, its prepared pages."""

    target: Target
    connection: object
    counted: list = field(default_factory=list)  # (page, request, queries)
    times: dict = field(default_factory=dict)  # page name → [ms]
    failed: set = field(default_factory=set)


@contextmanager
def _on(size):
    """Requests go to ``size``'s database, with the caches of the other size cleared (the
    generated organisations share ids, so a cached snapshot would cross over)."""
    connections["default"] = size.connection
    _reset_caches()
    yield


# The timed rounds are split in blocks that go round the sizes (S, M, S, M, …), so a
# change in the machine's load during the run falls on every size alike and M/S holds on
# a shared machine, as page/hello does within a round.
BLOCKS = 3


def _measure(report, sizes, pages, runs, out):
    original = connections["default"]
    try:
        for size in sizes:
            with _on(size):
                _prepare_size(report, size, pages, out)
        gc.collect()
        for block in range(BLOCKS):
            rounds = runs // BLOCKS + (1 if block < runs % BLOCKS else 0)
            for size in sizes:
                with _on(size):
                    _time_block(report, size, rounds, out)
    finally:
        connections["default"] = original
    for size in sizes:
        for page, _, queries in size.counted:
            values = size.times[page.name]
            if page.name in size.failed or not values:
                continue
            result = Result(
                page.name, size.target.size, queries, statistics.median(values), _p95(values)
            )
            report.results.append(result)
            out(f"[{result.size}] {page.name}: {result.queries} queries, {result.median_ms:.1f} ms")


def _prepare_size(report, size, pages, out):
    target = size.target
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
            size.counted.append((page, request, _count_queries(page, request)))
        except BenchError as error:
            report.errors.append((page.name, target.size, str(error)))
            out(f"[{target.size}] ERROR {page.name}: {error}")
    size.times = {page.name: [] for page, _, _ in size.counted}


def _time_block(report, size, rounds, out):
    """``rounds`` timed rounds over every page of ``size``, after a warm-up (the caches
    were cleared on switching to this size)."""
    for page, request, _ in size.counted:
        if page.name not in size.failed:
            for _ in range(WARMUP):
                request()
    # The timed requests go round the pages (every page once per round), so a change in
    # the machine's load during the run falls on every page alike and the ratios to
    # "hello" hold on a shared machine.
    for _ in range(rounds):
        for page, request, _ in size.counted:
            if page.name in size.failed:
                continue
            started = time.perf_counter()
            response = request()
            size.times[page.name].append((time.perf_counter() - started) * 1000)
            try:
                _check(page, response)
            except BenchError as error:
                size.failed.add(page.name)
                report.errors.append((page.name, size.target.size, str(error)))
                out(f"[{size.target.size}] ERROR {page.name}: {error}")


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


def _count_queries(page, request) -> int:
    """The page's query count: two requests, which must agree."""
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = request()
        _check(page, response)
        counts.append(len(captured.captured_queries))
    if counts[0] != counts[1]:
        raise BenchError(f"query count differs between two requests: {counts}")
    return counts[0]


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
