from django.core.management.base import BaseCommand

from begeleid.formative.services.notifications import send_digests


class Command(BaseCommand):
    help = "E-mail the daily digest of notifications. Each notification is e-mailed at most once."

    def handle(self, *args, **options):
        count = send_digests()
        self.stdout.write(f"digests sent: {count}")
