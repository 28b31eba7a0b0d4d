from django.core.management.base import BaseCommand
from django.utils import timezone

from ...services.register import send_expiry_reminders


class Command(BaseCommand):
    help = "Remind people whose competence declaration expires soon (once per declaration)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        sent = send_expiry_reminders(today=timezone.localdate(), days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
