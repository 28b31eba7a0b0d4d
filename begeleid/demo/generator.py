"""Deterministic, realistic data for the demo and the benchmark sizes.

One generator serves both: ``seed_demo`` runs the DEMO profile (a fictional Dutch
hospital with named personas), ``generate_data`` the benchmark sizes XS–L. Each domain
adds a step module in ``steps/``; steps run in order and share a ``Context``.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from django.db import connection, transaction
from django.utils import timezone


@dataclass(frozen=True)
class Profile:
    name: str
    organisations: int
    teams: int  # per organisation
    learners: int  # per organisation
    feedback: int  # per organisation (formative entries)
    with_personas: bool = False
    postgresql_only: bool = False  # too large for SQLite in reasonable time and memory


PROFILES = {
    "DEMO": Profile("DEMO", 1, 7, 20, 400, with_personas=True),
    "XS": Profile("XS", 1, 2, 20, 400),
    "S": Profile("S", 1, 20, 500, 25_000),
    "M": Profile("M", 1, 200, 5_000, 250_000),
    "L": Profile("L", 5, 200, 5_000, 500_000, postgresql_only=True),
}

# Step modules, in dependency order. Each has ``generate(ctx)``.
STEPS = [
    "begeleid.demo.steps.organisations",
    "begeleid.demo.steps.programmes",
    "begeleid.demo.steps.guidance",
    "begeleid.demo.steps.formative",
    "begeleid.demo.steps.assessment",
    "begeleid.demo.steps.performances",
    "begeleid.demo.steps.formative_competences",
    "begeleid.demo.steps.collaboration",
    "begeleid.demo.steps.quality",
    "begeleid.demo.steps.quality_development",
]


@dataclass
class Context:
    profile: Profile
    rng: random.Random
    today: date
    organisations: list = field(default_factory=list)
    # Per organisation id: lists of objects the later steps build on.
    teams: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    professions: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)  # org id -> role -> [(person, team)]
    personas: dict = field(default_factory=dict)  # persona key -> person
    programmes: dict = field(default_factory=dict)  # org id -> code -> ProgrammeVersion
    enrolments: dict = field(default_factory=dict)  # org id -> [Enrolment]

    def of(self, organisation, role):
        return self.people.get(organisation.id, {}).get(role, [])


def generate(profile_name: str, seed: int = 1, today: date | None = None, progress=None) -> Context:
    """Run every step in one transaction; ``progress(step, seconds)`` is told each step's time."""
    profile = PROFILES[profile_name]
    ctx = Context(profile=profile, rng=random.Random(seed), today=today or timezone.localdate())
    with transaction.atomic():
        for step in STEPS:
            started = time.perf_counter()
            import_module(step).generate(ctx)
            if progress is not None:
                progress(step, time.perf_counter() - started)
    if connection.vendor == "postgresql":
        # A bulk load leaves PostgreSQL without statistics until autovacuum comes round:
        # meanwhile the planner guesses (the summary subqueries of the home pages scanned
        # every moment: 0.6 s instead of 7 ms at size M). Gather them now.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        if progress is not None:
            progress("analyze", time.perf_counter() - started)
    return ctx
