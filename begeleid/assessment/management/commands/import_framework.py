from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from begeleid.organisations.models import Organisation

from ...services.frameworks import FrameworkImportError, import_framework


class Command(BaseCommand):
    help = "Import a competence framework from a CASE 1.0/1.1 JSON or a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .json (CASE) or .csv file")
        parser.add_argument("--organisation", required=True, help="the organisation's slug")

    def handle(self, *args, path, organisation, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"No organisation with slug '{organisation}'.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            result = import_framework(
                organisation=org, content=file.read_text(encoding="utf-8-sig"), name=file.name
            )
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text: {exc}") from exc
        except FrameworkImportError as exc:
            raise CommandError("Nothing imported:\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(
            f"{result.framework.title} ({result.framework.identifier}): "
            f"{result.created} created, {result.updated} updated, {result.removed} removed."
        )
