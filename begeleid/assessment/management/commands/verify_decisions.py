from django.core.management.base import BaseCommand, CommandError

from begeleid.organisations.models import Organisation

from ...services.chain import verify


class Command(BaseCommand):
    help = "Check the hash chain of signed assessment decisions; report every break."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="only this organisation (slug)")

    def handle(self, *args, organisation=None, **options):
        org_id = None
        if organisation:
            org = Organisation.objects.filter(slug=organisation).first()
            if org is None:
                raise CommandError(f"No organisation with slug '{organisation}'.")
            org_id = org.pk
        checked, breaks = verify(org_id)
        for found in breaks:
            self.stdout.write(f"BREAK {found}")
        if breaks:
            raise CommandError(f"{len(breaks)} break(s) in {checked} signed decision(s).")
        self.stdout.write(f"OK: {checked} signed decision(s), chain intact.")
