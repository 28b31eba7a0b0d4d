from django.core.management.base import BaseCommand

from begeleid.accounts.models import Person
from begeleid.demo.generator import generate
from begeleid.demo.personas import PERSONAS


class Command(BaseCommand):
    help = "Load the demo hospital with its named personas (password: demo). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if Person.objects.filter(email=PERSONAS[0].email).exists():
            self.stdout.write("Demo data is already loaded.")
            return
        ctx = generate("DEMO", seed=options["seed"])
        org = ctx.organisations[0]
        self.stdout.write(
            self.style.SUCCESS(f"Demo organisation '{org.name}' loaded. Log in with:")
        )
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.email:35} {persona.role}  (password: demo)")
