from django.core.files.base import ContentFile

from tests.authz import Case, everyone, only, public

GUIDES = ("supervisor", "specialist", "practice_trainer")
# The enrolment is visible (programmes) to these, but its formative record is not theirs.
VISIBLE_NOT_RECORD = {"assessor": 403, "team_leader": 403}


def _enrolment(c):
    return {"uuid": c.enrolment.uuid}


def record(*personas, ok=200, **statuses):
    """``ok`` for the personas; 403 for those who see the enrolment; 404 for the rest."""
    table = only(*personas, ok=ok, others=404)
    for persona, status in {**{p: 403 for p in ("learner", *GUIDES)}, **VISIBLE_NOT_RECORD}.items():
        if persona not in personas:
            table[persona] = status
    table.update(statuses)
    return table


def items_of_record(ok=200, **statuses):
    """Formative items: the learner and current supervisors; nobody else knows of them."""
    return only("learner", *GUIDES, ok=ok, others=404, **statuses)


def _nothing_released(c):
    """Other apps' cast extensions may release the cast's items; these cases need none."""
    from django.utils import timezone

    from begeleid.formative.models import Release

    Release.objects.filter(enrolment=c.enrolment).update(revoked_at=timezone.now())


def _release(c):
    from begeleid.formative.models import Release
    from begeleid.programmes.enums import Capacity

    assignment = c.enrolment.assignments.get(capacity=Capacity.ASSESSOR)
    release = Release.objects.create(
        organisation=c.organisation,
        enrolment=c.enrolment,
        assignment=assignment,
        purpose="Beoordeling instructiefase",
        released_by=c.learner,
    )
    release.feedback.add(c.feedback)
    c.extra["release"] = release


def _attachment(c):
    from django.core.files.storage import default_storage

    from begeleid.formative.models import Attachment

    name = "formative/matrix/reflectie.txt"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"Reflectie op de overdracht.\n"))
    c.extra["attachment"] = Attachment.objects.create(
        organisation=c.organisation,
        entry=c.entry,
        file=name,
        original_name="reflectie.txt",
        content_type="text/plain",
        size=28,
    )


def _feedback_data(c):
    return {"kind": "observation", "narrative": "Rustig en duidelijk uitgelegd."}


CASES = [
    Case("formative:overview", everyone()),
    Case("formative:timeline", record("learner", *GUIDES), kwargs=_enrolment),
    Case("formative:qr_code", record("learner"), kwargs=_enrolment),
    Case("formative:visibility", record("learner"), kwargs=_enrolment),
    Case(
        "formative:visibility",
        record("learner", ok=302),
        kwargs=_enrolment,
        method="post",
        data=lambda c: {
            "assignment": "all",
            "purpose": "Beoordeling",
            "feedback": [str(c.feedback.uuid)],
        },
    ),
    Case(
        "formative:release_revoke",
        only("learner", ok=302, others=404),
        kwargs=lambda c: {"uuid": c.release.uuid},
        method="post",
        setup=_release,
    ),
    Case(
        "formative:release_detail",
        only("assessor", others=404),
        kwargs=lambda c: {"uuid": c.release.uuid},
        setup=_release,
    ),
    Case("formative:feedback_create", record(*GUIDES), kwargs=_enrolment),
    Case(
        "formative:feedback_create",
        record(*GUIDES, ok=302),
        kwargs=_enrolment,
        method="post",
        data=_feedback_data,
    ),
    Case(
        "formative:feedback_detail",
        items_of_record(),
        kwargs=lambda c: {"uuid": c.feedback.uuid},
        setup=_nothing_released,
    ),
    Case(
        "formative:feedback_detail",
        items_of_record(assessor=200),
        kwargs=lambda c: {"uuid": c.feedback.uuid},
        setup=_release,
        note="released to the assessor",
    ),
    Case(
        "formative:feedback_edit",
        only("supervisor", others=404, learner=403, specialist=403, practice_trainer=403),
        kwargs=lambda c: {"uuid": c.feedback.uuid},
        setup=_nothing_released,
    ),
    Case(
        "formative:feedback_react",
        items_of_record(ok=302),
        kwargs=lambda c: {"uuid": c.feedback.uuid},
        setup=_nothing_released,
        method="post",
        data=lambda c: {"text": "Dank je, ik let erop."},
    ),
    Case("formative:request_list", record("learner"), kwargs=_enrolment),
    Case(
        "formative:request_list",
        record("learner", ok=302),
        kwargs=_enrolment,
        method="post",
        data=lambda c: {"question": "Mijn SBAR-overdracht?", "recipient": str(c.specialist.uuid)},
    ),
    Case(
        "formative:request_withdraw",
        only("learner", ok=302, others=404, supervisor=403),
        kwargs=lambda c: {"uuid": c.colleague_request.uuid},
        method="post",
    ),
    Case(
        "formative:request_respond",
        only("supervisor", others=404, learner=403),
        kwargs=lambda c: {"uuid": c.colleague_request.uuid},
    ),
    Case(
        "formative:external_respond",
        public(),
        kwargs=lambda c: {"token": c.external_token},
    ),
    Case(
        "formative:external_respond",
        public(404),
        kwargs=lambda c: {"token": "x" * 43},
        note="forged token",
    ),
    Case("formative:entry_create", record("learner"), kwargs=_enrolment),
    Case(
        "formative:entry_detail",
        items_of_record(),
        kwargs=lambda c: {"uuid": c.entry.uuid},
        setup=_nothing_released,
    ),
    Case(
        "formative:attachment_download",
        items_of_record(),
        kwargs=lambda c: {"uuid": c.attachment.uuid},
        setup=lambda c: (_nothing_released(c), _attachment(c)),
    ),
    Case("formative:notifications", everyone()),
    Case("formative:notifications_read", everyone(302), method="post"),
    Case("formative:notification_preferences", everyone()),
    Case(
        "formative:notification_preferences",
        everyone(302),
        method="post",
        data=lambda c: {"email_mode": "digest"},
    ),
]
