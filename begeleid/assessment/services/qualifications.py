"""The organisation's qualifications for guiding and assessing, and who may sign.

Qualifications are register entries of one well-known framework per organisation
(``begeleid-kwalificaties``): assessor training, calibration and recognised supervisor.
``quality`` grants calibration and recognition declarations; ``assessment`` requires
them of whoever signs. Both find the competences through ``ensure_qualification_competences``,
so the framework is created in one place only.
"""

from dataclasses import dataclass

from django.db import transaction

from begeleid.core.audit import record_audit
from begeleid.frameworks.enums import FrameworkStatus
from begeleid.frameworks.queries import QUALIFICATIONS_FRAMEWORK

from ..models import Competence, Framework, SigningRequirement

ASSESSOR_TRAINING = "begeleid-beoordelaarstraining"
CALIBRATION = "begeleid-kalibratie"
RECOGNISED_SUPERVISOR = "begeleid-erkend-begeleider"


@dataclass(frozen=True)
class Qualification:
    identifier: str
    code: str
    title: str
    description: str
    default_months: int | None  # the window a requirement starts with when HR turns it on


# Dutch content rows (like the demo's and the standard rubrics'), created per organisation.
QUALIFICATIONS = (
    Qualification(
        ASSESSOR_TRAINING,
        "BT",
        "Beoordelaarstraining",
        "Volgde de training summatief beoordelen.",
        None,
    ),
    Qualification(
        CALIBRATION,
        "KAL",
        "Gekalibreerd beoordelen",
        "Nam in de afgelopen twaalf maanden deel aan een kalibratiesessie.",
        12,
    ),
    Qualification(
        RECOGNISED_SUPERVISOR,
        "ERK",
        "Erkend begeleider",
        "Formeel erkend in de rol van werkbegeleider.",
        None,
    ),
)
BY_IDENTIFIER = {q.identifier: q for q in QUALIFICATIONS}


def qualification_competences(organisation) -> dict[str, Competence]:
    """The qualification competences that exist already, by identifier (one query)."""
    return {
        c.identifier: c
        for c in Competence.objects.filter(
            organisation=organisation,
            framework__identifier=QUALIFICATIONS_FRAMEWORK,
            identifier__in=BY_IDENTIFIER,
        ).select_related("framework")
    }


def ensure_qualification_competences(*, organisation, by=None) -> dict[str, Competence]:
    """The framework and its three competences, created where missing (audited).

    ``by`` is the person whose action needed them (None for setup without a person).
    """
    existing = qualification_competences(organisation)
    if len(existing) == len(QUALIFICATIONS):
        return existing
    with transaction.atomic():
        framework, created = Framework.objects.get_or_create(
            organisation=organisation,
            identifier=QUALIFICATIONS_FRAMEWORK,
            defaults={
                "title": "Kwalificaties begeleiden en beoordelen",
                "status": FrameworkStatus.PUBLISHED,
                "description": "Wat een begeleider of beoordelaar moet hebben gedaan.",
            },
        )
        if created:
            record_audit(by=by, action="assessment.create_qualifications_framework", obj=framework)
        for sequence, qualification in enumerate(QUALIFICATIONS, 1):
            if qualification.identifier in existing:
                continue
            competence, created = Competence.objects.get_or_create(
                organisation=organisation,
                framework=framework,
                identifier=qualification.identifier,
                defaults={
                    "code": qualification.code,
                    "title": qualification.title,
                    "description": qualification.description,
                    "sequence": sequence,
                },
            )
            existing[qualification.identifier] = competence
            if created:
                record_audit(
                    by=by,
                    action="assessment.create_qualification",
                    obj=competence,
                    changes={"identifier": qualification.identifier},
                )
    return existing


def save_signing_requirements(*, organisation, settings: dict, by) -> list[SigningRequirement]:
    """Set each qualification's requirement: ``settings`` maps identifier → (active, months).

    Only real changes are written and audited, one event per changed requirement.
    """
    unknown = set(settings) - set(BY_IDENTIFIER)
    if unknown:
        raise ValueError(f"not a qualification: {sorted(unknown)}")
    saved = []
    with transaction.atomic():
        competences = ensure_qualification_competences(organisation=organisation, by=by)
        current = {
            r.competence_id: r
            for r in SigningRequirement.objects.select_for_update().filter(
                organisation=organisation
            )
        }
        for identifier, (is_active, months) in settings.items():
            competence = competences[identifier]
            requirement = current.get(competence.pk)
            before = (requirement.is_active, requirement.within_months) if requirement else None
            if before == (is_active, months):
                saved.append(requirement)
                continue
            if requirement is None:
                requirement = SigningRequirement(organisation=organisation, competence=competence)
            requirement.is_active, requirement.within_months = is_active, months
            requirement.save()
            record_audit(
                by=by,
                action="assessment.save_signing_requirement",
                obj=requirement,
                changes={
                    "qualification": identifier,
                    "active": is_active,
                    "within_months": months,
                    "before": list(before) if before else None,
                },
            )
            saved.append(requirement)
    return saved
