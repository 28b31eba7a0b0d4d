"""The cast's development, survey and budget objects (run from quality's cast extension)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from begeleid.quality import services_budget, services_development, services_survey


def extend(cast):
    today = timezone.localdate()
    cast.extra["survey_round"] = services_survey.open_round(
        team=cast.team,
        title="Evaluatie voorjaar",
        opens_on=today - datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=7),
        by=cast.team_leader,
    )
    cast.extra["training_record"] = services_development.add_training_record(
        person=cast.supervisor,
        team=cast.team,
        course="Coachend begeleiden",
        provider="Leerhuis",
        date=today - datetime.timedelta(days=30),
        hours=Decimal("8"),
        cost=Decimal("450.00"),
        by=cast.team_leader,
    )
    cast.extra["budget"] = services_budget.set_budget(
        team=cast.team, year=today.year, amount=Decimal("5000.00"), by=cast.hr
    )
