"""Writes for team budgets (set by HR)."""

from django.db import transaction

from begeleid.core.audit import record_audit

from .models import Budget


def set_budget(*, team, year, amount, by) -> Budget:
    with transaction.atomic():
        budget = Budget.objects.select_for_update().filter(team=team, year=year).first()
        before = None if budget is None else str(budget.amount)
        if budget is None:
            budget = Budget(organisation_id=team.organisation_id, team=team, year=year)
        budget.amount = amount
        budget.set_by = by
        budget.save()
        record_audit(
            by=by,
            action="quality.set_budget",
            obj=budget,
            changes={"year": year, "amount": [before, str(amount)]},
        )
    return budget
