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

from begeleid.core.compiled import CompiledOnce
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


def _feedback_ids():
    through = Feedback.competences.through
    return _aggregate(through, "feedback", _as_text("competence_id"))


def _entry_ids():
    through = PortfolioEntry.competences.through
    return _aggregate(through, "portfolioentry", _as_text("competence_id"))


def _entry_pairs():
    pairs = Concat(_as_text("competence_id"), Value(":"), _as_text("level"))
    return _aggregate(SelfRating, "entry", pairs)


# Built and compiled by the ORM once per process (core.compiled, decision 22): on a
# timeline page the three correlated aggregates cost more CPU to compile than to run.
_FEEDBACK_IDS = CompiledOnce(Feedback, _feedback_ids, CharField())
_ENTRY_IDS = CompiledOnce(PortfolioEntry, _entry_ids, CharField())
_ENTRY_PAIRS = CompiledOnce(PortfolioEntry, _entry_pairs, CharField())


def with_feedback_links(rows):
    """Feedback rows (read as they are, not as a subquery) with ``competence_ids``
    ("3,7") in the same query."""
    return rows.annotate(competence_ids=_FEEDBACK_IDS(using=rows.db))


def with_entry_links(rows):
    """Entry rows (read as they are) with ``competence_ids`` and ``rating_pairs``
    ("3:4,7:2")."""
    return rows.annotate(
        competence_ids=_ENTRY_IDS(using=rows.db), rating_pairs=_ENTRY_PAIRS(using=rows.db)
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
