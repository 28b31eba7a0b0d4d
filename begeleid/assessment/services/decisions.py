"""The summative workflow: request or start, score and decide, sign (and confirm), correct.

Signing seals the decision: its hash is chained to the organisation's previous signed
decision, and from then on nothing about it changes (triggers refuse it too).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit
from begeleid.formative.models import Release
from begeleid.organisations.models import Organisation

from ..eligibility import signing_eligibility
from ..enums import AssessmentStatus, ConsensusRule, Outcome, ReviewMode, RubricStatus
from ..models import Assessment, AssessmentPolicy, CommitteeView, CompetenceDeclaration, Score
from ..policy import policy_for
from . import chain
from .register import declare_competence, revoke_declaration, validity_end

POLICY_FIELDS = (
    "deciding_role",
    "first_supervisor_may_decide",
    "min_evidence",
    "review_mode",
    "consensus_rule",
    "committee_size",
    "validity_months",
    "min_days_between_attempts",
    "min_performances",
    "per_months",
)


class AssessmentError(Exception):
    """The step is not possible now; the message says why, in Dutch."""


class NotEligibleToSign(AssessmentError):
    """The person lacks a qualification the organisation requires to decide and sign."""


def check_eligible_to_sign(person) -> None:
    """Refuse unless ``person`` holds every active signing requirement today (fresh read)."""
    eligibility = signing_eligibility(person)
    if not eligibility.may_sign:
        raise NotEligibleToSign(eligibility.reason)


def save_policy(*, programme, by, **fields) -> AssessmentPolicy:
    with transaction.atomic():
        policy, _created = AssessmentPolicy.objects.get_or_create(
            programme=programme, defaults={"organisation_id": programme.organisation_id}
        )
        for name in POLICY_FIELDS:
            setattr(policy, name, fields[name])
        policy.save()
        record_audit(
            by=by,
            action="assessment.save_policy",
            obj=policy,
            changes={name: fields[name] for name in POLICY_FIELDS},
        )
    return policy


def active_releases(enrolment):
    return Release.objects.filter(enrolment=enrolment, revoked_at__isnull=True)


def released_evidence_count(enrolment) -> int:
    counts = active_releases(enrolment).aggregate(
        feedback=Count("feedback", distinct=True), entries=Count("entries", distinct=True)
    )
    return counts["feedback"] + counts["entries"]


def open_assessment(*, enrolment, competence, by, as_learner: bool) -> Assessment:
    """The learner requests (when the policy's minimum is met) or a trainer starts one."""
    if competence.organisation_id != enrolment.organisation_id:
        raise AssessmentError(_("Deze bekwaamheid hoort niet bij deze organisatie."))
    policy = policy_for(enrolment)
    with transaction.atomic():
        earlier = Assessment.objects.select_for_update().filter(
            enrolment=enrolment, competence=competence
        )
        if earlier.exclude(status=AssessmentStatus.SIGNED).exists():
            raise AssessmentError(_("Voor deze bekwaamheid loopt al een beoordeling."))
        if as_learner and released_evidence_count(enrolment) < policy.min_evidence:
            raise AssessmentError(
                _("Geef eerst minstens %(n)s bewijsstukken vrij; nu zijn het er %(have)s.")
                % {"n": policy.min_evidence, "have": released_evidence_count(enrolment)}
            )
        last = earlier.order_by("-signed_at").values_list("signed_at", flat=True).first()
        wait = datetime.timedelta(days=policy.min_days_between_attempts)
        if last and timezone.now() < last + wait:
            raise AssessmentError(
                _("Een nieuwe beoordeling kan vanaf %(date)s.")
                % {"date": timezone.localdate(last + wait).strftime("%d-%m-%Y")}
            )
        assessment = Assessment.objects.create(
            organisation_id=enrolment.organisation_id,
            enrolment=enrolment,
            competence=competence,
            requested_by=by,
            status=AssessmentStatus.REQUESTED,
        )
        record_audit(
            by=by,
            action="assessment.request" if as_learner else "assessment.start",
            obj=assessment,
            changes={"competence": competence.identifier},
        )
    return assessment


@dataclass
class ScoreInput:
    criterion: object
    level: object
    comment: str = ""


def allowed_evidence(assessment, by):
    """Releases the learner made for assessment on this enrolment, to anyone or to ``by``."""
    return active_releases(assessment.enrolment).filter(
        Q(assignment__isnull=True) | Q(assignment__person_id=by.pk)
    )


def record_decision(
    *, assessment, by, rubric_version, scores, evidence, outcome, rationale, feedforward
) -> Assessment:
    """Save the assessor's scores, evidence and decision (not yet signed)."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status not in (AssessmentStatus.REQUESTED, AssessmentStatus.IN_PROGRESS):
            raise AssessmentError(_("Deze beoordeling kan niet meer veranderen."))
        check_eligible_to_sign(by)
        if rubric_version.status != RubricStatus.PUBLISHED:
            raise AssessmentError(_("Kies een gepubliceerde rubric."))
        criteria = {c.pk for c in rubric_version.criteria.all()}
        if {s.criterion.pk for s in scores} != criteria:
            raise AssessmentError(_("Geef een score op elk criterium van de rubric."))
        if any(s.level.scale_id != rubric_version.scale_id for s in scores):
            raise AssessmentError(_("Een score hoort niet bij de schaal van de rubric."))
        allowed = set(allowed_evidence(assessment, by).values_list("pk", flat=True))
        if any(release.pk not in allowed for release in evidence):
            raise AssessmentError(_("Alleen bewijs dat de lerende heeft vrijgegeven telt mee."))
        if outcome not in Outcome.values or not rationale.strip() or not feedforward.strip():
            raise AssessmentError(_("Een besluit heeft een uitkomst, onderbouwing en feedforward."))
        assessment.rubric_version = rubric_version
        assessment.assessor = by
        assessment.outcome, assessment.rationale, assessment.feedforward = (
            outcome,
            rationale,
            feedforward,
        )
        assessment.status = AssessmentStatus.IN_PROGRESS
        assessment.save()
        assessment.scores.all().delete()
        Score.objects.bulk_create(
            Score(
                organisation_id=assessment.organisation_id,
                assessment=assessment,
                criterion=s.criterion,
                level=s.level,
                comment=s.comment,
            )
            for s in scores
        )
        assessment.evidence.set(evidence)
        record_audit(
            by=by,
            action="assessment.record_decision",
            obj=assessment,
            changes={"outcome": outcome, "evidence": len(evidence), "scores": len(scores)},
        )
    return assessment


def sign_assessment(*, assessment, by) -> Assessment:
    """The assessor signs; with a second assessor in the policy, it waits for confirmation."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != AssessmentStatus.IN_PROGRESS or assessment.assessor_id != by.pk:
            raise AssessmentError(_("Alleen de beoordelaar die besliste, ondertekent het besluit."))
        check_eligible_to_sign(by)
        policy = policy_for(assessment.enrolment)
        if policy.review_mode == ReviewMode.COMMITTEE:
            _check_committee(assessment, policy)
        if policy.review_mode == ReviewMode.SECOND_ASSESSOR:
            assessment.status = AssessmentStatus.AWAITING_CONFIRMATION
            assessment.decided_at = timezone.now()
            assessment.save()
            record_audit(by=by, action="assessment.submit_for_confirmation", obj=assessment)
            return assessment
        assessment.decided_at = timezone.now()
        return _seal(assessment, by)


def confirm_assessment(*, assessment, by, agrees: bool, note: str) -> Assessment:
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != AssessmentStatus.AWAITING_CONFIRMATION:
            raise AssessmentError(_("Dit besluit wacht niet op een tweede beoordelaar."))
        if assessment.assessor_id == by.pk:
            raise AssessmentError(_("Een tweede beoordelaar is iemand anders."))
        check_eligible_to_sign(by)
        policy = policy_for(assessment.enrolment)
        assessment.second_note = note
        if not agrees and policy.consensus_rule == ConsensusRule.BOTH_AGREE:
            assessment.status = AssessmentStatus.IN_PROGRESS
            assessment.save()
            record_audit(
                by=by, action="assessment.disagree", obj=assessment, changes={"note": note}
            )
            return assessment
        if not agrees:
            assessment.outcome = Outcome.NOT_YET_COMPETENT
        assessment.second_assessor = by
        return _seal(assessment, by)


# --- committees -----------------------------------------------------------------------


@dataclass
class CommitteeVerdict:
    """What the policy's consensus rule makes of the members' views."""

    complete: bool
    outcome: str  # the joint outcome the rule requires ("" while views are missing)
    reason: str  # why, in Dutch, for the chair and the signed record


def committee_verdict(policy, views) -> CommitteeVerdict:
    """Apply the explicit consensus rule to the views; never "the latest view wins"."""
    outcomes = {view.outcome for view in views}
    if len(views) < policy.committee_size:
        return CommitteeVerdict(
            False,
            "",
            _("Nog %(n)s van de %(size)s commissieleden moet een oordeel geven.")
            % {"n": policy.committee_size - len(views), "size": policy.committee_size},
        )
    if policy.consensus_rule == ConsensusRule.BOTH_AGREE:
        if len(outcomes) == 1:
            outcome = outcomes.pop()
            return CommitteeVerdict(
                True,
                outcome,
                _("Alle commissieleden oordelen „%(outcome)s”; het besluit volgt hun oordeel.")
                % {"outcome": Outcome(outcome).label},
            )
        return CommitteeVerdict(
            True,
            Outcome.NOT_YET_COMPETENT,
            _(
                "De commissieleden zijn het niet eens. Volgens het beleid moeten alle "
                "beoordelaars het eens zijn, dus het besluit kan niet „bekwaam” zijn."
            ),
        )
    if Outcome.NOT_YET_COMPETENT in outcomes:
        return CommitteeVerdict(
            True,
            Outcome.NOT_YET_COMPETENT,
            _(
                "Minstens één commissielid oordeelt „nog niet bekwaam”. Volgens het beleid "
                "geldt het strengste oordeel."
            ),
        )
    return CommitteeVerdict(True, Outcome.COMPETENT, _("Alle commissieleden oordelen „bekwaam”."))


def _check_committee(assessment, policy) -> None:
    """Before the chair signs: every view is in, every member may still sign, and the joint
    decision follows the consensus rule."""
    views = list(assessment.committee_views.select_related("member"))
    verdict = committee_verdict(policy, views)
    if not verdict.complete:
        raise AssessmentError(verdict.reason)
    for view in views:
        eligibility = signing_eligibility(view.member)
        if not eligibility.may_sign:
            raise AssessmentError(
                _("Commissielid %(name)s mag nu geen summatieve besluiten ondertekenen: ")
                % {"name": view.member.full_name}
                + eligibility.reason
            )
    if assessment.outcome != verdict.outcome:
        raise AssessmentError(
            verdict.reason
            + " "
            + _("Pas het gezamenlijke besluit aan naar „%(outcome)s”.")
            % {"outcome": Outcome(verdict.outcome).label}
        )


def record_committee_view(*, assessment, by, outcome, rationale) -> CommitteeView:
    """A committee member records their own view; once, and only before the decision is signed."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        policy = policy_for(assessment.enrolment)
        if policy.review_mode != ReviewMode.COMMITTEE:
            raise AssessmentError(_("Volgens het beleid beslist hier geen commissie."))
        if assessment.status not in (AssessmentStatus.REQUESTED, AssessmentStatus.IN_PROGRESS):
            raise AssessmentError(_("Deze beoordeling kan niet meer veranderen."))
        check_eligible_to_sign(by)
        if outcome not in Outcome.values or not rationale.strip():
            raise AssessmentError(_("Een oordeel heeft een uitkomst en een onderbouwing."))
        views = assessment.committee_views.all()
        if views.filter(member_id=by.pk).exists():
            raise AssessmentError(_("Je hebt je oordeel al gegeven; dat verandert niet meer."))
        if views.count() >= policy.committee_size:
            raise AssessmentError(_("De commissie is voltallig: alle oordelen zijn gegeven."))
        view = CommitteeView.objects.create(
            organisation_id=assessment.organisation_id,
            assessment=assessment,
            member=by,
            outcome=outcome,
            rationale=rationale,
            recorded_at=timezone.now(),
        )
        record_audit(
            by=by,
            action="assessment.record_committee_view",
            obj=assessment,
            changes={"outcome": outcome},
        )
    return view


def _seal(assessment, by) -> Assessment:
    """Sign: chain the hash to the organisation's last signed decision; fill the register."""
    # One signer per organisation at a time, so the chain never forks.
    Organisation.objects.select_for_update().filter(pk=assessment.organisation_id).first()
    assessment.previous_hash = chain.last_hash(assessment.organisation_id)
    assessment.signed_at = timezone.now()
    assessment.status = AssessmentStatus.SIGNED
    assessment.hash = chain.compute_hash(assessment)
    assessment.save()
    record_audit(
        by=by,
        action="assessment.sign",
        obj=assessment,
        changes={"outcome": assessment.outcome, "hash": assessment.hash},
    )
    if assessment.supersedes_id:
        for declaration in CompetenceDeclaration.objects.filter(
            decision_id=assessment.supersedes_id, revoked_at__isnull=True
        ):
            revoke_declaration(declaration=declaration, reason=assessment.correction_reason, by=by)
    if assessment.outcome == Outcome.COMPETENT:
        valid_from = timezone.localdate(assessment.signed_at)
        declare_competence(
            person=assessment.enrolment.learner,
            competence=assessment.competence,
            valid_from=valid_from,
            valid_until=validity_end(valid_from, policy_for(assessment.enrolment).validity_months),
            decision=assessment,
            by=by,
        )
    return assessment


def correct_assessment(*, assessment, by, reason: str) -> Assessment:
    """A correction is a new decision that supersedes the signed one, with a reason."""
    if not reason.strip():
        raise AssessmentError(_("Geef de reden van de correctie."))
    with transaction.atomic():
        if assessment.signed_at is None:
            raise AssessmentError(_("Alleen een ondertekend besluit wordt gecorrigeerd."))
        if Assessment.objects.filter(supersedes=assessment).exists():
            raise AssessmentError(_("Dit besluit is al gecorrigeerd."))
        correction = Assessment.objects.create(
            organisation_id=assessment.organisation_id,
            enrolment=assessment.enrolment,
            competence=assessment.competence,
            rubric_version=assessment.rubric_version,
            requested_by=by,
            status=AssessmentStatus.IN_PROGRESS,
            supersedes=assessment,
            correction_reason=reason,
        )
        record_audit(
            by=by,
            action="assessment.correct",
            obj=correction,
            changes={"supersedes": str(assessment.uuid), "reason": reason},
        )
    return correction
