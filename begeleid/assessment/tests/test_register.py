import datetime
import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.assessment.models import Competence, CompetenceDeclaration
from begeleid.assessment.queries import declarations_for, register_page
from begeleid.assessment.services.register import (
    declare_competence,
    revoke_declaration,
    send_expiry_reminders,
    validity_end,
)
from begeleid.formative.models import Notification

DAY = datetime.date


def _declare(cast, person, until, competence=None, since=DAY(2026, 1, 1)):
    return declare_competence(
        person=person,
        competence=competence or cast.competence,
        valid_from=since,
        valid_until=until,
        by=cast.hr,
    )


def test_status_is_derived_from_the_dates_without_a_job(cast, time_machine):
    declaration = _declare(cast, cast.supervisor, DAY(2026, 6, 30))

    time_machine.move_to(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    assert CompetenceDeclaration.objects.get(pk=declaration.pk).status == "valid"
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC))
    assert CompetenceDeclaration.objects.get(pk=declaration.pk).status == "expiring"
    time_machine.move_to(datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC))
    assert CompetenceDeclaration.objects.get(pk=declaration.pk).status == "expiring"
    time_machine.move_to(datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC))
    assert CompetenceDeclaration.objects.get(pk=declaration.pk).status == "expired"
    assert (
        not CompetenceDeclaration.objects.valid_on(timezone.localdate())
        .filter(pk=declaration.pk)
        .exists()
    )


def test_revoked_and_replaced_declarations_are_not_valid(cast):
    first = _declare(cast, cast.supervisor, None)
    second = _declare(cast, cast.supervisor, None, since=DAY(2026, 2, 1))
    revoke_declaration(declaration=second, reason="Incident met medicatie", by=cast.hr)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.superseded_by) == ("superseded", second)
    assert (second.status, second.revoke_reason) == ("revoked", "Incident met medicatie")


def test_validity_months_end_the_day_before_the_same_date():
    assert validity_end(DAY(2026, 1, 15), 12) == DAY(2027, 1, 14)
    assert validity_end(DAY(2026, 1, 31), 1) == DAY(2026, 2, 27)
    assert validity_end(DAY(2026, 1, 15), None) is None


def test_expiry_reminders_are_sent_once(cast, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 10, 9, tzinfo=datetime.UTC))
    _declare(cast, cast.supervisor, DAY(2026, 6, 30))
    _declare(cast, cast.specialist, DAY(2026, 12, 31))

    first = send_expiry_reminders(today=DAY(2026, 6, 10), days=30)
    out = io.StringIO()
    call_command("remind_expiring_declarations", "--days", "30", stdout=out)
    again = send_expiry_reminders(today=DAY(2026, 6, 10), days=30)

    reminders = Notification.objects.filter(kind="reminder")
    assert (first, again, out.getvalue()) == (1, 0, "0 reminder(s) sent.\n")
    assert [(n.recipient, n.title) for n in reminders] == [
        (
            cast.supervisor,
            "Je bekwaamverklaring voor Subcutaan injecteren verloopt op 30-06-2026",
        )
    ]


def test_team_matrix_shows_who_may_do_what_today(cast, login):
    today = timezone.localdate()
    _declare(cast, cast.supervisor, today + datetime.timedelta(days=90), since=today)
    _declare(cast, cast.assessor, today - datetime.timedelta(days=1), since=DAY(2025, 1, 1))

    response = login(cast.team_leader).get(
        reverse("assessment:team_matrix", kwargs={"uuid": cast.team.uuid})
    )

    rows = {person.full_name: cells for person, cells in response.context["rows"]}
    assert [c.code for c in response.context["competences"]] == ["VH.1"]
    assert rows["Bea Begeleider"][0][1].status == "valid"
    assert rows["Bram Beoordelaar"][0][1] is None
    assert "Lies Lerende" in rows  # the learner declared competent by the cast's decision


def test_team_matrix_query_count_does_not_grow(cast, login):
    client = login(cast.hr)
    url = reverse("assessment:team_matrix", kwargs={"uuid": cast.team.uuid})
    _declare(cast, cast.supervisor, None)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _declare(cast, cast.assessor, None)
    _declare(cast, cast.specialist, None)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three.captured_queries) == len(one.captured_queries)


def test_register_list_query_count_does_not_grow(cast, login):
    client = login(cast.hr)
    url = reverse("assessment:register_list")
    CompetenceDeclaration.objects.all().delete()
    _declare(cast, cast.supervisor, None)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _declare(cast, cast.assessor, None)
    _declare(cast, cast.specialist, None)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(response.context["page"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


def test_register_list_shows_a_supervisor_only_their_own(cast, login):
    _declare(cast, cast.supervisor, None)
    _declare(cast, cast.assessor, None)

    response = login(cast.supervisor).get(reverse("assessment:register_list"))

    assert [d["person_id"] for d in response.context["page"]] == [cast.supervisor.pk]


def test_register_list_of_another_organisation_is_empty(cast, login):
    response = login(cast.stranger).get(reverse("assessment:register_list"))

    assert list(response.context["page"]) == []


def test_register_export_lists_every_declaration_with_its_status(cast, login):
    CompetenceDeclaration.objects.all().delete()
    since, until = DAY(2024, 1, 1), timezone.localdate() - datetime.timedelta(days=1)
    _declare(cast, cast.supervisor, until, since=since)

    response = login(cast.admin).get(reverse("assessment:register_export"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "person,email,employee_number,competence_code,competence,valid_from,valid_until,"
        "status,decision,revoke_reason",
        "Bea Begeleider,supervisor@test.example,,VH.1,Subcutaan injecteren,2024-01-01,"
        f"{until.isoformat()},expired,,",
    ]


def _many_declarations(cast, n):
    """``n`` declarations over the cast's people and two competences, without the
    services (which would replace a person's earlier declaration of a competence)."""
    people = [
        cast.learner,
        cast.other_learner,
        cast.supervisor,
        cast.specialist,
        cast.assessor,
        cast.team_leader,
    ]
    competences = [cast.competence, cast.competence.parent]
    CompetenceDeclaration.objects.bulk_create(
        CompetenceDeclaration(
            organisation=cast.organisation,
            person=people[i % len(people)],
            competence=competences[i % 4 // 2],
            valid_from=DAY(2025, 1, 1) + datetime.timedelta(days=i % 7),
        )
        for i in range(n)
    )


def test_register_pages_follow_the_register_order_with_their_count(cast):
    _many_declarations(cast, 60)
    everything = [d.pk for d in declarations_for(cast.hr)]

    pages = {number: register_page(cast.hr, number) for number in (None, "1", "2", "x", "9")}

    assert len(everything) > 60
    assert [r["pk"] for r in pages[None]] == [r["pk"] for r in pages["1"]] == everything[:50]
    assert [r["pk"] for r in pages["x"]] == everything[:50]
    assert [r["pk"] for r in pages["2"]] == everything[50:100]
    assert [r["pk"] for r in pages["9"]] == everything[50:]
    assert {p.paginator.count for p in pages.values()} == {len(everything)}
    assert (pages["1"].number, pages["2"].number, pages["9"].number) == (1, 2, 2)


def test_register_rows_show_the_competence_status_and_person_as_the_models_do(cast):
    CompetenceDeclaration.objects.all().delete()
    uncoded = Competence.objects.create(
        organisation=cast.organisation, framework=cast.framework, title="Zonder code"
    )
    kept = _declare(cast, cast.supervisor, None, competence=uncoded)
    revoked = _declare(cast, cast.assessor, None)
    revoke_declaration(declaration=revoked, reason="Incident", by=cast.hr)
    declarations = {d.pk: d for d in CompetenceDeclaration.objects.all()}

    rows = list(register_page(cast.hr, None))

    assert [(r["pk"], r["person_name"]) for r in rows] == [
        (kept.pk, "Bea Begeleider"),
        (revoked.pk, "Bram Beoordelaar"),
    ]
    assert [r["competence"] for r in rows] == ["Zonder code", "VH.1 Subcutaan injecteren"]
    assert [r["competence"] for r in rows] == [str(declarations[r["pk"]].competence) for r in rows]
    assert [(r["status"], r["status_label"]) for r in rows] == [
        (declarations[r["pk"]].status, declarations[r["pk"]].get_status_display()) for r in rows
    ]
    assert [r["status"] for r in rows] == ["valid", "revoked"]


def test_team_matrix_reads_do_not_grow_with_the_team(cast, login):
    client = login(cast.team_leader)
    url = reverse("assessment:team_matrix", kwargs={"uuid": cast.team.uuid})
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    _many_declarations(cast, 12)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
    assert response.status_code == 200
