from django.core.management.base import BaseCommand, CommandError

from ...models import Framework
from ...services.framework_export import export_case, export_csv


class Command(BaseCommand):
    help = "Write a competence framework to stdout as CASE JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("framework", help="the framework identifier (CASE CFDocument)")
        parser.add_argument("--format", choices=["case", "csv"], default="case")
        parser.add_argument("--organisation", help="the organisation's slug, when ambiguous")

    def handle(self, *args, framework, format, organisation=None, **options):
        found = Framework.objects.filter(identifier=framework).select_related("organisation")
        if organisation:
            found = found.filter(organisation__slug=organisation)
        found = list(found[:2])
        if not found:
            raise CommandError(f"No framework with identifier '{framework}'.")
        if len(found) > 1:
            raise CommandError("Several organisations hold this framework; give --organisation.")
        export = export_case if format == "case" else export_csv
        self.stdout.write(export(found[0]), ending="")
