"""'Ons begeleidingsmodel' at a glance: the seven elements, each with what is in place
according to live data, what is missing or out of date, and where it is fixed.

One organisation or one team; a fixed number of queries whatever its size. The elements
are built in sibling modules, grouped by the data they read.
"""

from django.utils import timezone

from .. import dashboards
from .assessment_ip import assessment, interprofessional
from .base import ELEMENTS, Element, Finding, Glance, Scope
from .phases_forms import forms, phases
from .professionalisation import professionalisation
from .vision_roles import roles, vision

__all__ = ["ELEMENTS", "Element", "Finding", "Glance", "build_glance"]


def build_glance(*, organisation, team=None, now=None) -> Glance:
    now = now or timezone.now()
    today = timezone.localdate(now)
    ctx = Scope(organisation, team, today, now)
    board = dashboards.build_dashboard(organisation=organisation, team=team, now=now)
    elements = [
        Element(i + 1, str(title), str(summary)) for i, (title, summary) in enumerate(ELEMENTS)
    ]
    vision(ctx, elements[0])
    roles(ctx, elements[1])
    phases(ctx, elements[2], board)
    forms(ctx, elements[3])
    assessment(ctx, elements[4])
    interprofessional(ctx, elements[5], board)
    professionalisation(ctx, elements[6], board)
    return Glance(organisation, team, today, elements)
