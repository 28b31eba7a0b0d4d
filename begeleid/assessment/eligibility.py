"""May this person sign summative decisions? Read from requirements and the register.

Status is derived from dates, like the register's: a declaration counts while it is valid
today (started, not ended, not revoked, not replaced) and, when the requirement sets
``within_months``, while it was issued (``valid_from``) within that many months.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import CompetenceDeclaration, SigningRequirement
from .services.qualifications import ASSESSOR_TRAINING, CALIBRATION, RECOGNISED_SUPERVISOR
from .services.register import add_months

_CACHE_ATTR = "_signing_eligibility"


@dataclass
class Eligibility:
    requirements: list = field(default_factory=list)  # the active SigningRequirements
    missing: list = field(default_factory=list)  # Dutch phrases, one per unmet requirement

    @property
    def may_sign(self) -> bool:
        return not self.missing

    @property
    def reason(self) -> str:
        """The sentence shown on the refusal page and the assessor's pages."""
        return _("Je mist: %(missing)s.") % {"missing": ", ".join(self.missing)}


def _what(competence) -> str:
    names = {
        ASSESSOR_TRAINING: _("beoordelaarstraining"),
        CALIBRATION: _("kalibratiesessie"),
        RECOGNISED_SUPERVISOR: _("erkenning als begeleider"),
    }
    return names.get(competence.identifier) or competence.title


def describe(requirement) -> str:
    """'kalibratiesessie in de afgelopen 12 maanden', 'beoordelaarstraining'."""
    what = _what(requirement.competence)
    if not requirement.within_months:
        return what
    return ngettext(
        "%(what)s in de afgelopen %(n)s maand",
        "%(what)s in de afgelopen %(n)s maanden",
        requirement.within_months,
    ) % {"what": what, "n": requirement.within_months}


def earliest_issue(requirement, day: datetime.date) -> datetime.date | None:
    """The first issue date that still counts: 12 months on 14 Jan 2026 → 15 Jan 2025."""
    if not requirement.within_months:
        return None
    return add_months(day, -requirement.within_months) + datetime.timedelta(days=1)


def signing_eligibility(person, day: datetime.date | None = None) -> Eligibility:
    """The person's eligibility on ``day`` (today), in two queries."""
    day = day or timezone.localdate()
    requirements = list(
        SigningRequirement.objects.filter(
            organisation_id=person.organisation_id, is_active=True
        ).select_related("competence")
    )
    if not requirements:
        return Eligibility()
    issued = {}
    for declaration in CompetenceDeclaration.objects.valid_on(day).filter(
        person_id=person.pk, competence_id__in=[r.competence_id for r in requirements]
    ):
        latest = issued.get(declaration.competence_id)
        if latest is None or declaration.valid_from > latest:
            issued[declaration.competence_id] = declaration.valid_from
    missing = []
    for requirement in requirements:
        valid_from = issued.get(requirement.competence_id)
        earliest = earliest_issue(requirement, day)
        if valid_from is None or (earliest is not None and valid_from < earliest):
            missing.append(describe(requirement))
    return Eligibility(requirements=requirements, missing=missing)


def eligibility_of(user) -> Eligibility:
    """Today's eligibility, read once per request and kept on the user object (as roles are)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = signing_eligibility(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached
