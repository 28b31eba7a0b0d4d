"""Rebuild the organisations' dashboards and model at a glance (the worker, every few
minutes; see quality.snapshots). Idempotent."""

from django.core.management.base import BaseCommand

from begeleid.organisations.models import Organisation
from begeleid.quality.snapshots import refresh_organisations


class Command(BaseCommand):
    help = "Bouw de dashboards en het model in één oogopslag van elke organisatie opnieuw."

    def handle(self, *args, **options):
        built = refresh_organisations(Organisation.objects.order_by("pk"))
        self.stdout.write(f"{built} overzicht(en) bijgewerkt")
