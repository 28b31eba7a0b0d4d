from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from begeleid.formative.services.requests import send_reminders


class Command(BaseCommand):
    help = "Remind once about open feedback requests. Safe to run as often as you like."

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            count = send_reminders()
        self.stdout.write(f"reminders sent: {count}")
