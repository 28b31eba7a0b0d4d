"""The hash chain of signed decisions: each decision's SHA-256 covers its content and the
hash of the organisation's previous signed decision, so a changed or removed row shows."""

import hashlib
import json
from dataclasses import dataclass

from ..models import Assessment


def canonical(assessment: Assessment) -> dict:
    """The signed content, in a fixed shape; everything a reader relies on is in it."""
    return {
        "organisation": assessment.organisation_id,
        "uuid": str(assessment.uuid),
        "enrolment": str(assessment.enrolment.uuid),
        "learner": str(assessment.enrolment.learner.uuid),
        "competence": assessment.competence.identifier,
        "rubric_version": str(assessment.rubric_version.uuid)
        if assessment.rubric_version_id
        else "",
        "assessor": str(assessment.assessor.uuid) if assessment.assessor_id else "",
        "second_assessor": (
            str(assessment.second_assessor.uuid) if assessment.second_assessor_id else ""
        ),
        "outcome": assessment.outcome,
        "rationale": assessment.rationale,
        "feedforward": assessment.feedforward,
        "second_note": assessment.second_note,
        "signed_at": assessment.signed_at.isoformat() if assessment.signed_at else "",
        "supersedes": str(assessment.supersedes.uuid) if assessment.supersedes_id else "",
        "correction_reason": assessment.correction_reason,
        "scores": sorted(
            [str(s.criterion.uuid), s.level.value, s.comment]
            for s in assessment.scores.select_related("criterion", "level")
        ),
        "evidence": sorted(str(u) for u in assessment.evidence.values_list("uuid", flat=True)),
        "previous_hash": assessment.previous_hash,
    }


def committee(assessment: Assessment) -> list:
    """The members' views, in a fixed shape (only committee decisions have any)."""
    return sorted(
        [str(v.member.uuid), v.outcome, v.rationale, v.recorded_at.isoformat()]
        for v in assessment.committee_views.select_related("member")
    )


def compute_hash(assessment: Assessment) -> str:
    content = canonical(assessment)
    # Only committee decisions carry the key, so hashes of earlier decisions stay valid.
    views = committee(assessment)
    if views:
        content["committee"] = views
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def last_hash(organisation_id) -> str:
    last = (
        Assessment.objects.filter(organisation_id=organisation_id, signed_at__isnull=False)
        .order_by("-signed_at", "-id")
        .values_list("hash", flat=True)
        .first()
    )
    return last or ""


@dataclass
class Break:
    organisation_id: int
    assessment_uuid: str
    problem: str

    def __str__(self):
        return (
            f"organisation {self.organisation_id}, decision {self.assessment_uuid}: {self.problem}"
        )


def verify(organisation_id=None) -> tuple[int, list[Break]]:
    """Walk each organisation's chain in signing order; return (checked, breaks)."""
    signed = (
        Assessment.objects.filter(signed_at__isnull=False)
        .select_related(
            "enrolment__learner",
            "competence",
            "rubric_version",
            "assessor",
            "second_assessor",
            "supersedes",
        )
        .order_by("organisation_id", "signed_at", "id")
    )
    if organisation_id is not None:
        signed = signed.filter(organisation_id=organisation_id)
    breaks, previous, checked = [], {}, 0
    for assessment in signed.iterator(chunk_size=500):
        checked += 1
        expected_previous = previous.get(assessment.organisation_id, "")
        if assessment.previous_hash != expected_previous:
            breaks.append(
                Break(
                    assessment.organisation_id,
                    str(assessment.uuid),
                    f"previous hash {assessment.previous_hash[:12] or '(none)'} does not match "
                    f"the decision signed before it ({expected_previous[:12] or '(none)'})",
                )
            )
        if compute_hash(assessment) != assessment.hash:
            breaks.append(
                Break(
                    assessment.organisation_id,
                    str(assessment.uuid),
                    "content does not match its stored hash",
                )
            )
        previous[assessment.organisation_id] = assessment.hash
    return checked, breaks
