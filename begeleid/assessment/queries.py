"""Reads of the assessment app, scoped to the user's organisation."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from .models import Criterion, Framework, Rubric, RubricVersion, tree_order


def frameworks_for(user):
    return (
        Framework.objects.filter(organisation_id=user.organisation_id)
        .annotate(item_count=Count("items"))
        .order_by("title", "version", "id")
    )


def get_framework_for(user, uuid) -> Framework:
    return get_object_or_404(
        Framework.objects.filter(organisation_id=user.organisation_id).select_related(
            "organisation"
        ),
        uuid=uuid,
    )


def framework_tree(framework) -> list:
    return tree_order(list(framework.items.all()))


def rubrics_for(user):
    versions = RubricVersion.objects.select_related("scale").order_by("-number")
    return (
        Rubric.objects.filter(organisation_id=user.organisation_id)
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("name", "id")
    )


def get_rubric_version_for(user, uuid) -> RubricVersion:
    criteria = Criterion.objects.select_related("competence").prefetch_related("descriptors")
    return get_object_or_404(
        RubricVersion.objects.filter(organisation_id=user.organisation_id)
        .select_related("rubric", "scale", "published_by")
        .prefetch_related("scale__levels", Prefetch("criteria", queryset=criteria)),
        uuid=uuid,
    )


def rubric_grid(version: RubricVersion):
    """Rows of (criterion, [descriptor text per scale level, low to high])."""
    levels = list(version.scale.levels.all())
    rows = []
    for criterion in version.criteria.all():
        texts = {d.level_id: d.text for d in criterion.descriptors.all()}
        rows.append((criterion, [(level, texts.get(level.id, "")) for level in levels]))
    return levels, rows
