"""Competence tags and self-ratings on lists of feedback and entries, without a query per
item and without a prefetch query per link table.

A list's own query carries the links as text (``with_feedback_links`` /
``with_entry_links``: one correlated string aggregate per link table), and ``attach``
turns them into competences from a list the page has already read (the learning
competences of the organisation, which the timeline's filter needs anyway). Only a
competence outside that list (of a retired or draft framework) costs one extra read,
for all of them at once.
"""

from dataclasses import dataclass

from django.db.models import CharField, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast, Concat

from begeleid.frameworks.models import Competence

from .models import Feedback, PortfolioEntry, SelfRating

SEPARATOR = ","


@dataclass(frozen=True)
class Rating:
    """A self-rating as a list shows it: the competence and the level (1-5)."""

    competence: Competence
    level: int


def _aggregate(model, owner: str, text):
    rows = (
        model.objects.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(text=StringAgg(text, Value(SEPARATOR)))
        .values("text")
    )
    return Subquery(rows, output_field=CharField())


def _as_text(field: str):
    return Cast(field, output_field=CharField())


def with_feedback_links(rows):
    """Feedback rows with ``competence_ids`` ("3,7") in the same query."""
    through = Feedback.competences.through
    return rows.annotate(competence_ids=_aggregate(through, "feedback", _as_text("competence_id")))


def with_entry_links(rows):
    """Entry rows with ``competence_ids`` and ``rating_pairs`` ("3:4,7:2")."""
    through = PortfolioEntry.competences.through
    pairs = Concat(_as_text("competence_id"), Value(":"), _as_text("level"))
    return rows.annotate(
        competence_ids=_aggregate(through, "portfolioentry", _as_text("competence_id")),
        rating_pairs=_aggregate(SelfRating, "entry", pairs),
    )


def _ids(text) -> list[int]:
    return [int(part) for part in (text or "").split(SEPARATOR) if part]


def _pairs(text) -> list[tuple[int, int]]:
    pairs = []
    for part in (text or "").split(SEPARATOR):
        if part:
            competence, _, level = part.partition(":")
            pairs.append((int(competence), int(level)))
    return pairs


def _order(competence):
    return (competence.sequence, competence.code, competence.pk)


def attach(objects, known=()):
    """Give each object of a list made with ``with_*_links`` its ``tags`` (competences,
    in framework order) and ``ratings`` (entries; ``Rating``s), resolved from ``known``
    (competences already read) and, for the rest, one query for all of them."""
    objects = list(objects)
    by_id = {c.pk: c for c in known}
    wanted = set()
    for obj in objects:
        wanted.update(_ids(getattr(obj, "competence_ids", "")))
        wanted.update(c for c, _ in _pairs(getattr(obj, "rating_pairs", "")))
    missing = wanted - by_id.keys()
    if missing:
        by_id.update((c.pk, c) for c in Competence.objects.filter(pk__in=missing))
    for obj in objects:
        tags = [by_id[i] for i in _ids(getattr(obj, "competence_ids", "")) if i in by_id]
        obj.tags = sorted(tags, key=_order)
        ratings = [
            Rating(by_id[c], level)
            for c, level in _pairs(getattr(obj, "rating_pairs", ""))
            if c in by_id
        ]
        obj.ratings = sorted(ratings, key=lambda r: _order(r.competence))
    return objects
