"""Scales and rubrics. A published rubric version is frozen: change means a new draft."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit

from .. import standard
from ..enums import RubricStatus
from ..models import Criterion, Descriptor, Rubric, RubricVersion, Scale, ScaleLevel


class RubricError(Exception):
    """A change to a rubric that is not allowed; the message says why, in Dutch."""


def _refuse_frozen(version: RubricVersion) -> None:
    if version.is_frozen:
        raise RubricError(
            _(
                "Versie %(number)s is %(status)s en kan niet meer veranderen; maak een nieuw concept."
            )
            % {"number": version.number, "status": version.get_status_display()}
        )


def update_criterion(*, criterion: Criterion, title: str, description: str, competence, by):
    with transaction.atomic():
        version = RubricVersion.objects.select_for_update().get(pk=criterion.version_id)
        _refuse_frozen(version)
        before = {"title": criterion.title, "competence": str(criterion.competence or "")}
        criterion.title, criterion.description, criterion.competence = (
            title,
            description,
            competence,
        )
        criterion.save()
        record_audit(
            by=by,
            action="assessment.update_criterion",
            obj=criterion,
            changes={"before": before, "title": title, "competence": str(competence or "")},
        )
    return criterion


def add_criterion(*, version: RubricVersion, title: str, by) -> Criterion:
    with transaction.atomic():
        version = RubricVersion.objects.select_for_update().get(pk=version.pk)
        _refuse_frozen(version)
        position = (version.criteria.aggregate(n=Max("position"))["n"] or 0) + 1
        criterion = Criterion.objects.create(
            organisation_id=version.organisation_id, version=version, position=position, title=title
        )
        record_audit(
            by=by, action="assessment.add_criterion", obj=criterion, changes={"title": title}
        )
    return criterion


def save_criterion(*, criterion: Criterion, title, description, competence, descriptors, by):
    """Update a draft's criterion and its descriptors (``{level: text}``) in one step."""
    with transaction.atomic():
        update_criterion(
            criterion=criterion, title=title, description=description, competence=competence, by=by
        )
        for level, text in descriptors.items():
            if text.strip():
                set_descriptor(criterion=criterion, level=level, text=text, by=by)
            else:
                Descriptor.objects.filter(criterion=criterion, level=level).delete()
    return criterion


def set_descriptor(*, criterion: Criterion, level: ScaleLevel, text: str, by) -> Descriptor:
    with transaction.atomic():
        version = RubricVersion.objects.select_for_update().get(pk=criterion.version_id)
        _refuse_frozen(version)
        if level.scale_id != version.scale_id:
            raise RubricError(_("Dit niveau hoort niet bij de schaal van deze rubric."))
        descriptor, _created = Descriptor.objects.update_or_create(
            criterion=criterion,
            level=level,
            defaults={"text": text, "organisation_id": criterion.organisation_id},
        )
        record_audit(
            by=by, action="assessment.set_descriptor", obj=descriptor, changes={"text": text}
        )
    return descriptor


def publish_rubric_version(*, version: RubricVersion, by) -> RubricVersion:
    """Freeze a draft; the version published before it is retired."""
    with transaction.atomic():
        version = RubricVersion.objects.select_for_update().get(pk=version.pk)
        _refuse_frozen(version)
        if not version.criteria.exists():
            raise RubricError(_("Een rubric zonder criteria kan niet gepubliceerd worden."))
        version.rubric.versions.filter(status=RubricStatus.PUBLISHED).update(
            status=RubricStatus.RETIRED
        )
        version.status = RubricStatus.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = by
        version.save()
        record_audit(by=by, action="assessment.publish_rubric_version", obj=version)
    return version


def new_draft_from(*, version: RubricVersion, by) -> RubricVersion:
    """A new draft with the criteria and descriptors of ``version``."""
    with transaction.atomic():
        rubric = Rubric.objects.select_for_update().get(pk=version.rubric_id)
        if rubric.versions.filter(status=RubricStatus.DRAFT).exists():
            raise RubricError(_("Deze rubric heeft al een concept; werk dat bij."))
        number = (rubric.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = RubricVersion.objects.create(
            organisation_id=rubric.organisation_id,
            rubric=rubric,
            number=number,
            scale_id=version.scale_id,
            instructions=version.instructions,
        )
        _copy_criteria(version, draft)
        record_audit(
            by=by,
            action="assessment.new_rubric_draft",
            obj=draft,
            changes={"from_version": version.number},
        )
    return draft


def _copy_criteria(source: RubricVersion, draft: RubricVersion) -> None:
    descriptors = []
    for criterion in source.criteria.prefetch_related("descriptors"):
        copy = Criterion.objects.create(
            organisation_id=draft.organisation_id,
            version=draft,
            position=criterion.position,
            title=criterion.title,
            description=criterion.description,
            competence_id=criterion.competence_id,
        )
        descriptors += [
            Descriptor(
                organisation_id=draft.organisation_id,
                criterion=copy,
                level_id=d.level_id,
                text=d.text,
            )
            for d in criterion.descriptors.all()
        ]
    Descriptor.objects.bulk_create(descriptors)


def install_standard_content(*, organisation, by=None, publish: bool = True) -> list[Rubric]:
    """The standard scales and forms (see ``standard``); skips what the organisation has."""
    with transaction.atomic():
        scales = {}
        for spec in standard.SCALES:
            scale, created = Scale.objects.get_or_create(
                organisation=organisation,
                name=spec["name"],
                defaults={"kind": spec["kind"], "description": spec["description"]},
            )
            if created:
                ScaleLevel.objects.bulk_create(
                    ScaleLevel(
                        organisation=organisation,
                        scale=scale,
                        value=value,
                        label=label,
                        description=description,
                        band=band,
                    )
                    for value, label, description, band in spec["levels"]
                )
            scales[spec["name"]] = scale
        rubrics = []
        for spec in standard.RUBRICS:
            if Rubric.objects.filter(organisation=organisation, name=spec["name"]).exists():
                continue
            rubric = Rubric.objects.create(
                organisation=organisation,
                name=spec["name"],
                kind=spec["kind"],
                description=spec["description"],
            )
            scale = scales[spec["scale"]]
            version = RubricVersion.objects.create(
                organisation=organisation,
                rubric=rubric,
                number=1,
                scale=scale,
                instructions=spec["instructions"],
            )
            levels = list(scale.levels.all())
            descriptors = []
            for position, title in enumerate(spec["criteria"], start=1):
                criterion = Criterion.objects.create(
                    organisation=organisation, version=version, position=position, title=title
                )
                descriptors += [
                    Descriptor(
                        organisation=organisation,
                        criterion=criterion,
                        level=level,
                        text=spec["descriptor"](title, level),
                    )
                    for level in levels
                ]
            Descriptor.objects.bulk_create(descriptors)
            record_audit(by=by, action="assessment.install_rubric", obj=rubric)
            if publish:
                version.status = RubricStatus.PUBLISHED
                version.published_at = timezone.now()
                version.published_by = by
                version.save()
            rubrics.append(rubric)
    return rubrics
