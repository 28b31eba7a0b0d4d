"""Which moments overlap in time for the same person (pure: no database).

Overlap is allowed — a supervisor may deliberately double-book a short check-in — but
it is flagged on the planning form and on lists, so it is never an accident.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    moment_id: int | None  # None for a moment that is being planned
    start: datetime.datetime
    end: datetime.datetime
    people: frozenset[int]


def overlaps(a: Slot, b: Slot) -> bool:
    """Touching moments (one ends as the next starts) do not overlap."""
    return a.start < b.end and b.start < a.end


def overlapping(slots: list[Slot]) -> dict[int | None, set[int]]:
    """For each moment id: the people who have another moment at the same time."""
    by_person: dict[int, list[Slot]] = defaultdict(list)
    for slot in slots:
        for person in slot.people:
            by_person[person].append(slot)
    flagged: dict[int | None, set[int]] = defaultdict(set)
    for person, own in by_person.items():
        own.sort(key=lambda s: s.start)
        for index, slot in enumerate(own):
            for later in own[index + 1 :]:
                if later.start >= slot.end:
                    break
                if later.moment_id != slot.moment_id and overlaps(slot, later):
                    flagged[slot.moment_id].add(person)
                    flagged[later.moment_id].add(person)
    return dict(flagged)
