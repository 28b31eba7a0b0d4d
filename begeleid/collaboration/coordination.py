"""Who guides what, per learner: the first supervisor's coordination view.

Reads the learner's active supervision assignments (programmes) and the interprofessional
activities the learner took part in, grouped by profession.
"""

from collections import OrderedDict
from dataclasses import dataclass, field

from begeleid.programmes.enums import Capacity
from begeleid.programmes.queries import (
    active_assignments,
    get_enrolment_for,
    supervised_enrolments,
)

from .models import InterprofessionalActivity


def get_enrolment(user, uuid):
    return get_enrolment_for(user, uuid)


def first_supervised(user):
    """The enrolments the user is first supervisor of: theirs to coordinate."""
    return (
        supervised_enrolments(user, capacities=[Capacity.FIRST_SUPERVISOR])
        .select_related("learner")
        .order_by("learner__full_name", "id")
    )


@dataclass
class ProfessionRow:
    profession: str
    guides: list = field(default_factory=list)  # (person, capacity label)
    activities: list = field(default_factory=list)  # InterprofessionalActivity


def who_guides_what(enrolment) -> list[ProfessionRow]:
    """Per profession: who guides the learner now, in which capacity, and what they did
    together in interprofessional activities. Three queries whatever the numbers."""
    rows: dict[str, ProfessionRow] = OrderedDict()

    def row(name):
        if name not in rows:
            rows[name] = ProfessionRow(name)
        return rows[name]

    assignments = (
        active_assignments()
        .filter(enrolment=enrolment)
        .select_related("person", "person__profession", "profession")
        .order_by("capacity", "person__full_name", "id")
    )
    for a in assignments:
        profession = a.profession or a.person.profession
        row(profession.name if profession else "—").guides.append(
            (a.person, a.get_capacity_display())
        )
    activities = (
        InterprofessionalActivity.objects.filter(
            organisation_id=enrolment.organisation_id, learners=enrolment.learner_id
        )
        .prefetch_related("professions")
        .order_by("-date", "-id")[:50]
    )
    for activity in activities:
        for profession in activity.professions.all():
            row(profession.name).activities.append(activity)
    return sorted(rows.values(), key=lambda r: (not r.guides, r.profession))
