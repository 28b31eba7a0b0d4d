import time

from django.core.management.base import BaseCommand, CommandError

from begeleid.demo.generator import PROFILES, generate


class Command(BaseCommand):
    help = (
        "Generate deterministic benchmark data of size XS, S, M or L into the configured database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", required=True, choices=[p for p in PROFILES if p != "DEMO"])
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        from begeleid.organisations.models import Organisation

        if Organisation.objects.exists():
            raise CommandError(
                "The database already holds organisations; generate into an empty database."
            )
        started = time.monotonic()
        ctx = generate(options["size"], seed=options["seed"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated size {options['size']} (seed {options['seed']}): "
                f"{len(ctx.organisations)} organisation(s) in {time.monotonic() - started:.1f}s"
            )
        )
