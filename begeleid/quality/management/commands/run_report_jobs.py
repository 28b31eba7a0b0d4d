"""Run queued report jobs (PDF/CSV). The worker in production; idempotent."""

import time

from django.core.management.base import BaseCommand

from begeleid.quality.jobs import run_queued


class Command(BaseCommand):
    help = "Genereer rapporten die in de wachtrij staan."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Blijf draaien (worker).")
        parser.add_argument("--interval", type=float, default=2.0)

    def handle(self, *args, loop=False, interval=2.0, **options):
        while True:
            done = run_queued()
            if done:
                self.stdout.write(f"{done} rapport(en) gegenereerd")
            if not loop:
                return
            time.sleep(interval)
