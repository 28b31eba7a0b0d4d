"""Generate benchmark data of size XS, S, M or L (see docs/performance.md)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from begeleid.demo.generator import PROFILES, generate


class Command(BaseCommand):
    help = (
        "Generate deterministic benchmark data of size XS, S, M or L into the configured "
        "(empty) database. The same --seed and --today give the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", required=True, choices=[p for p in PROFILES if p != "DEMO"])
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The date the data is generated around (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, **options):
        from begeleid.organisations.models import Organisation

        size = options["size"]
        profile = PROFILES[size]
        if profile.postgresql_only and connection.vendor != "postgresql":
            raise CommandError(
                f"Size {size} needs PostgreSQL ({profile.organisations} organisations, "
                f"{profile.organisations * profile.learners:,} learners); this database is "
                f"{connection.vendor}. Set DATABASE_URL=postgres://... and try again."
            )
        if Organisation.objects.exists():
            raise CommandError(
                "The database already holds organisations; generate into an empty database."
            )

        def progress(step, seconds):
            self.stdout.write(f"  {step.rsplit('.', 1)[-1]:<20} {seconds:7.1f}s")

        started = time.monotonic()
        ctx = generate(size, seed=options["seed"], today=options["today"], progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated size {size} (seed {options['seed']}): "
                f"{len(ctx.organisations)} organisation(s) in {time.monotonic() - started:.1f}s"
            )
        )
