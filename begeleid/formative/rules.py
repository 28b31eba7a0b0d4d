"""Who may do what with formative records.

Formative stays formative: the learner and their CURRENT supervisors work with it;
an assessor only reads what the learner released (see queries.released_* ).
"""

import rules
from django.utils import timezone

from begeleid.programmes.rules import is_current_supervisor_of, is_enrolment_learner

from . import conf


@rules.predicate
def is_learner_of_record(user, obj):
    return obj is not None and is_enrolment_learner(user, obj.enrolment)


@rules.predicate
def is_current_supervisor_of_record(user, obj):
    return obj is not None and is_current_supervisor_of(user, obj.enrolment)


@rules.predicate
def is_author_within_window(user, feedback):
    if feedback is None or feedback.author_id != user.pk:
        return False
    age = timezone.now() - feedback.created_at
    return age.total_seconds() < conf.edit_window_hours() * 3600


@rules.predicate
def is_request_recipient(user, request_obj):
    return request_obj is not None and request_obj.recipient_id == user.pk


@rules.predicate
def is_open_request(user, request_obj):
    return request_obj is not None and request_obj.state() == "open"


@rules.predicate
def is_active_release(user, release):
    return release is not None and release.revoked_at is None


works_on_record = is_enrolment_learner | is_current_supervisor_of

rules.add_perm("formative.view_record", works_on_record)
rules.add_perm("formative.give_feedback", is_current_supervisor_of)
rules.add_perm("formative.edit_feedback", is_author_within_window & is_current_supervisor_of_record)
rules.add_perm("formative.react_feedback", is_learner_of_record | is_current_supervisor_of_record)
rules.add_perm("formative.request_feedback", is_enrolment_learner)
rules.add_perm("formative.withdraw_request", is_learner_of_record & is_open_request)
rules.add_perm("formative.respond_request", is_request_recipient)
rules.add_perm("formative.add_entry", is_enrolment_learner)
rules.add_perm("formative.show_qr", is_enrolment_learner)
rules.add_perm("formative.manage_releases", is_enrolment_learner)
rules.add_perm("formative.revoke_release", is_learner_of_record & is_active_release)
