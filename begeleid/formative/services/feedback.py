"""Recording, correcting and reacting to feedback."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from begeleid.core.audit import record_audit
from begeleid.frameworks.queries import learning_competences

from ..enums import NotificationKind
from ..models import Feedback, FeedbackReaction, FeedbackRevision
from .notifications import notify

STRUCTURED = ("went_well", "to_improve", "next_step")
EDITABLE = ("kind", "narrative", *STRUCTURED)
TEXT_FIELDS = EDITABLE  # what a revision copies as text; competences are copied as links


def check_competences(enrolment, competences) -> list:
    """The competences, when every one belongs to a published framework of the learner's
    organisation (the forms offer only those; this guards every other caller)."""
    competences = list(competences)
    if not competences:
        return competences
    allowed = set(
        learning_competences(enrolment.organisation_id)
        .filter(pk__in=[c.pk for c in competences])
        .values_list("pk", flat=True)
    )
    if any(c.pk not in allowed for c in competences):
        raise ValidationError(
            _(
                "Kies alleen bekwaamheden uit een vastgesteld kader van de organisatie "
                "van de lerende."
            )
        )
    return competences


def competence_codes(competences) -> list[str]:
    return sorted(c.code or c.title for c in competences)


def _profession_on(enrolment, person):
    """The profession in which the person guides this learner (their assignment's), else
    their own."""
    for assignment in enrolment.assignments.all():
        if assignment.person_id == person.pk and assignment.profession_id:
            return assignment.profession_id
    return person.profession_id


@transaction.atomic
def record_feedback(
    *,
    enrolment,
    by,
    kind: str,
    narrative: str,
    went_well: str = "",
    to_improve: str = "",
    next_step: str = "",
    moment=None,
    competences=(),
) -> Feedback:
    competences = check_competences(enrolment, competences)
    feedback = Feedback.objects.create(
        organisation_id=enrolment.organisation_id,
        enrolment=enrolment,
        kind=kind,
        narrative=narrative,
        went_well=went_well,
        to_improve=to_improve,
        next_step=next_step,
        moment=moment,
        phase_id=enrolment.current_phase_id,
        author=by,
        author_profession_id=_profession_on(enrolment, by),
    )
    if competences:
        feedback.competences.set(competences)
    record_audit(
        by=by,
        action="formative.record_feedback",
        obj=feedback,
        changes={"kind": kind, "competences": competence_codes(competences)},
    )
    notify(
        recipient=enrolment.learner,
        kind=NotificationKind.NEW_FEEDBACK,
        title=_("Nieuwe %(kind)s van %(name)s")
        % {"kind": feedback.get_kind_display(), "name": by.full_name},
        body=narrative[:300],
        url=reverse("formative:feedback_detail", kwargs={"uuid": feedback.uuid}),
    )
    return feedback


@transaction.atomic
def edit_feedback(*, feedback, by, competences=None, **fields) -> Feedback:
    """Correct feedback within the edit window; the previous version (text and linked
    competences) is kept as a revision. ``competences`` None leaves them as they are."""
    changed = {
        name: value
        for name, value in fields.items()
        if name in EDITABLE and getattr(feedback, name) != value
    }
    before = list(feedback.competences.all())
    after = before if competences is None else check_competences(feedback.enrolment, competences)
    links_changed = {c.pk for c in before} != {c.pk for c in after}
    if not changed and not links_changed:
        return feedback
    revision = FeedbackRevision.objects.create(
        organisation_id=feedback.organisation_id,
        feedback=feedback,
        edited_by=by,
        **{name: getattr(feedback, name) for name in TEXT_FIELDS},
    )
    revision.competences.set(before)
    for name, value in changed.items():
        setattr(feedback, name, value)
    feedback.save(update_fields=[*changed, "updated_at"])
    audit = {"fields": sorted([*changed, *(["competences"] if links_changed else [])])}
    if links_changed:
        feedback.competences.set(after)
        audit["competences"] = {
            "before": competence_codes(before),
            "after": competence_codes(after),
        }
    record_audit(by=by, action="formative.edit_feedback", obj=feedback, changes=audit)
    return feedback


@transaction.atomic
def react_to_feedback(*, feedback, by, text: str) -> FeedbackReaction:
    reaction = FeedbackReaction.objects.create(
        organisation_id=feedback.organisation_id, feedback=feedback, author=by, text=text
    )
    learner = feedback.enrolment.learner
    recipient = feedback.author if by.pk == learner.pk else learner
    if recipient is not None and recipient.pk != by.pk:
        notify(
            recipient=recipient,
            kind=NotificationKind.REACTION,
            title=_("%(name)s reageerde op feedback") % {"name": by.full_name},
            body=text[:300],
            url=reverse("formative:feedback_detail", kwargs={"uuid": feedback.uuid}),
        )
    return reaction
