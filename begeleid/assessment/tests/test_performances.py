import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.models import (
    AssessmentPolicy,
    CompetenceDeclaration,
    ProcedurePerformance,
)
from begeleid.assessment.queries import frequency_status
from begeleid.assessment.services.performances import answer_performance, log_performance
from begeleid.assessment.services.register import declare_competence
from begeleid.core.models import AuditEvent

DAY = datetime.timedelta(days=1)


def _log(cast, person=None, on=None, confirmer=None, confirm=None):
    performance = log_performance(
        person=person or cast.learner,
        competence=cast.competence,
        performed_on=on or timezone.localdate(),
        confirmer=confirmer or cast.supervisor,
        context="Avonddienst, insuline",
        by=person or cast.learner,
    )
    if confirm is not None:
        answer_performance(
            performance=performance, confirmed=confirm, by=confirmer or cast.supervisor
        )
    return performance


def _rule(cast, minimum=2, months=12):
    policy, _ = AssessmentPolicy.objects.update_or_create(
        programme=cast.programme,
        defaults={
            "organisation": cast.organisation,
            "min_performances": minimum,
            "per_months": months,
        },
    )
    return policy


def test_performance_is_logged_and_confirmed_by_the_named_colleague(cast, login):
    today = timezone.localdate()
    response = login(cast.learner).post(
        reverse("assessment:performance_list"),
        {
            "competence": cast.competence.uuid,
            "performed_on": today.isoformat(),
            "confirmer": cast.supervisor.uuid,
            "context": "Avonddienst",
        },
    )
    performance = ProcedurePerformance.objects.get()
    assert response.status_code == 302
    assert (performance.person, performance.confirmer, performance.status) == (
        cast.learner,
        cast.supervisor,
        "pending",
    )

    client = login(cast.supervisor)
    pending = client.get(reverse("assessment:performance_confirmations"))
    assert list(pending.context["page"]) == [performance]
    answered = client.post(
        reverse("assessment:performance_answer", kwargs={"uuid": performance.uuid}),
        {"answer": "confirm"},
    )

    performance.refresh_from_db()
    assert answered.status_code == 302
    assert (performance.status, performance.confirmed_by) == ("confirmed", cast.supervisor)
    assert list(client.get(reverse("assessment:performance_confirmations")).context["page"]) == []
    assert list(
        AuditEvent.objects.filter(object_uuid=performance.uuid)
        .order_by("id")
        .values_list("action", "actor")
    ) == [
        ("assessment.log_performance", cast.learner.pk),
        ("assessment.confirm_performance", cast.supervisor.pk),
    ]


def test_declined_performance_is_not_confirmed_and_cannot_be_answered_again(cast, login):
    performance = _log(cast)
    client = login(cast.supervisor)
    url = reverse("assessment:performance_answer", kwargs={"uuid": performance.uuid})

    first = client.post(url, {"answer": "decline"})
    again = client.post(url, {"answer": "confirm"})

    performance.refresh_from_db()
    assert (first.status_code, again.status_code) == (302, 403)
    assert (performance.status, performance.confirmed_by) == ("declined", None)


def test_nobody_confirms_their_own_performance(cast, login):
    response = login(cast.learner).post(
        reverse("assessment:performance_list"),
        {
            "competence": cast.competence.uuid,
            "performed_on": timezone.localdate().isoformat(),
            "confirmer": cast.learner.uuid,
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["confirmer"]
    with pytest.raises(ValueError):
        _log(cast, confirmer=cast.learner)
    performance = _log(cast)
    with pytest.raises(ValueError):
        answer_performance(performance=performance, confirmed=True, by=cast.learner)
    assert ProcedurePerformance.objects.filter(confirmed_at__isnull=False).count() == 0


def test_performance_in_the_future_is_refused_and_input_kept(cast, login):
    tomorrow = (timezone.localdate() + DAY).isoformat()
    response = login(cast.learner).post(
        reverse("assessment:performance_list"),
        {
            "competence": cast.competence.uuid,
            "performed_on": tomorrow,
            "confirmer": cast.supervisor.uuid,
            "context": "Nachtdienst",
        },
    )
    form = response.context["form"]
    assert form.errors == {"performed_on": ["Een verrichting ligt niet in de toekomst."]}
    assert (form["performed_on"].value(), form["context"].value()) == (tomorrow, "Nachtdienst")
    assert ProcedurePerformance.objects.count() == 0


def test_frequency_counts_only_confirmed_performances_in_the_window(cast):
    today = timezone.localdate()
    policy = _rule(cast, minimum=2, months=12)
    _log(cast, on=today - 10 * DAY, confirm=True)
    _log(cast, on=today - 20 * DAY)  # pending
    _log(cast, on=today - 30 * DAY, confirm=False)  # declined
    _log(cast, on=today - 400 * DAY, confirm=True)  # outside the window
    _log(cast, person=cast.other_learner, on=today, confirm=True)  # someone else

    before = frequency_status(cast.learner, cast.competence, policy)
    _log(cast, on=today - 40 * DAY, confirmer=cast.assessor, confirm=True)
    after = frequency_status(cast.learner, cast.competence, policy)

    assert (before.met, before.count) == (False, 1)
    assert before.message == "Frequentie niet gehaald: 1 van de 2 keer in de afgelopen 12 maanden"
    assert (after.met, after.count) == (True, 2)
    assert after.message == "Frequentie gehaald: 2 keer in de afgelopen 12 maanden"
    assert frequency_status(cast.learner, cast.competence, AssessmentPolicy()) is None


def _declaration(cast, person):
    return declare_competence(
        person=person,
        competence=cast.competence,
        valid_from=timezone.localdate() - 100 * DAY,
        decision=cast.signed_assessment,
        by=cast.hr,
    )


def test_register_shows_the_frequency_next_to_valid_declarations(cast, login):
    _rule(cast, minimum=1, months=12)
    CompetenceDeclaration.objects.all().delete()
    _declaration(cast, cast.learner)
    _declaration(cast, cast.other_learner)
    declare_competence(  # without a decision, no programme and so no rule
        person=cast.supervisor,
        competence=cast.competence,
        valid_from=timezone.localdate(),
        by=cast.hr,
    )
    _log(cast, on=timezone.localdate() - 5 * DAY, confirm=True)
    _log(cast, on=timezone.localdate() - 6 * DAY, confirm=True)

    response = login(cast.hr).get(reverse("assessment:register_list"))

    rows = response.context["page"]
    assert [(d["person_id"], d["frequency"] and d["frequency"].message) for d in rows] == [
        (cast.supervisor.pk, None),
        (cast.learner.pk, "Frequentie gehaald: 2 keer in de afgelopen 12 maanden"),
        (
            cast.other_learner.pk,
            "Frequentie niet gehaald: 0 van de 1 keer in de afgelopen 12 maanden",
        ),
    ]
    assert "Frequentie gehaald: 2 keer in de afgelopen 12 maanden" in response.content.decode()


def test_register_frequency_query_count_does_not_grow(cast, login):
    _rule(cast, minimum=1, months=12)
    CompetenceDeclaration.objects.all().delete()
    client = login(cast.hr)
    url = reverse("assessment:register_list")
    _declaration(cast, cast.learner)
    _log(cast, confirm=True)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for person in (cast.other_learner, cast.assessor):
        _declaration(cast, person)
        _log(cast, person=person, confirm=True)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert [d["frequency"].count for d in response.context["page"]] == [1, 1, 1]
    assert len(three.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("url_name", ["performance_list", "performance_confirmations"])
def test_performance_pages_query_count_does_not_grow(cast, login, url_name):
    # The learner logs; the supervisor confirms: each sees their own list.
    viewer = cast.learner if url_name == "performance_list" else cast.supervisor
    client = login(viewer)
    url = reverse(f"assessment:{url_name}")
    _log(cast)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _log(cast)
    _log(cast)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(response.context["page"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


def test_performances_of_another_organisation_are_invisible(cast, login):
    performance = _log(cast)
    client = login(cast.stranger)

    mine = client.get(reverse("assessment:performance_list"))
    to_confirm = client.get(reverse("assessment:performance_confirmations"))
    answer = client.post(
        reverse("assessment:performance_answer", kwargs={"uuid": performance.uuid}),
        {"answer": "confirm"},
    )

    assert (list(mine.context["page"]), list(to_confirm.context["page"])) == ([], [])
    assert list(mine.context["form"].fields["competence"].queryset) == []
    assert cast.learner not in mine.context["form"].fields["confirmer"].queryset
    assert answer.status_code == 404
