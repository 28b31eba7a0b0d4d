"""Benchmark the key pages at several sizes (see docs/performance.md)."""

import json
from importlib import import_module
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from begeleid.demo import bench
from begeleid.demo.generator import PROFILES


def _sizes(value):
    sizes = [s.strip().upper() for s in value.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in PROFILES or s == "DEMO"]
    if not sizes or unknown:
        raise CommandError(f"Unknown size(s) {unknown}; choose from XS, S, M, L.")
    return sizes


def _pages(dotted):
    module, _, name = dotted.rpartition(".")
    return getattr(import_module(module), name)


class Command(BaseCommand):
    help = (
        "Generate each size into a fresh database and measure every key page as a typical "
        "user: queries, median and p95 time. Exits non-zero when a key page's query count "
        "differs between sizes or a page fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="S,M", help="Comma-separated, e.g. S,M")
        parser.add_argument("--json", dest="json_path", help="Write the results here as JSON")
        parser.add_argument("--runs", type=int, default=30, help="Timed requests per page")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="SQLite: keep the generated databases in the temp dir and reuse them on the "
            "next run with --reuse (migrated, not regenerated; earlier submits stay)",
        )
        parser.add_argument(
            "--pages",
            default="begeleid.demo.bench.PAGES",
            help="Dotted path of the list of pages to measure",
        )

    def handle(self, *args, **options):
        sizes = _sizes(options["sizes"])
        if options["runs"] < 1:
            raise CommandError("--runs must be at least 1.")
        report = bench.run(
            sizes,
            runs=options["runs"],
            pages=_pages(options["pages"]),
            seed=options["seed"],
            reuse=options["reuse"],
            out=lambda line: self.stderr.write(line),
        )
        if options["json_path"]:
            Path(options["json_path"]).write_text(
                json.dumps([r.as_json() for r in report.results], indent=2) + "\n"
            )
        for line in bench.table(report):
            self.stdout.write(line)
        differing = report.differing_query_counts()
        if differing or report.errors:
            problems = [f"query count differs between sizes: {page}" for page in differing]
            problems += [f"{page} [{size}]: {message}" for page, size, message in report.errors]
            raise CommandError("; ".join(problems), returncode=1)
