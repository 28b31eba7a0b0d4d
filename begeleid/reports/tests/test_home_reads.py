"""The home page's shared reads (docs/performance.md): figures read with the roles,
summaries read with the enrolment rows, the team page counted with its rows, and the
people of listed moments named with the moment rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.formative.enums import NotificationKind
from begeleid.formative.figures import UNREAD_NOTIFICATIONS
from begeleid.formative.services.notifications import notify
from begeleid.formative.services.requests import request_feedback
from begeleid.guidance.queries import homes, summarise, team_home, with_summary_figures
from begeleid.guidance.tests.helpers import at, plan
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import person_figure, roles_of
from begeleid.programmes.enums import EnrolmentStatus
from begeleid.programmes.models import Enrolment
from begeleid.quality.rules import PARTICIPATED
from tests.factories import PersonFactory

# These tests count what building the home costs (not serving it from the page cache).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("build_pages")]


def _get(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries]


def _reads(sqls, table):
    """The queries whose main table is ``table`` (not those that only nest it)."""
    return [sql for sql in sqls if sql.split(" WHERE ")[0].split(" FROM ")[-1] == f'"{table}"']


def test_home_inbox_count_comes_with_the_roles_read(cast, login):
    client = login(cast.supervisor)
    _, before = _get(client, reverse("reports:home"))
    for i in range(3):
        notify(recipient=cast.supervisor, kind=NotificationKind.NEW_FEEDBACK, title=f"M{i}")
    response, after = _get(client, reverse("reports:home"))
    assert response.context["request"].user.pk == cast.supervisor.pk
    assert "3 ongelezen meldingen" in response.content.decode()
    assert len(after) == len(before)
    assert _reads(after, "formative_notification") == []


def test_calibration_menu_entry_costs_no_query_of_its_own(cast, login):
    """The assessor took part in the cast's session and leads no team: the menu shows
    calibration, read with the roles; the learner took part in none."""
    link = f'href="{reverse("quality:calibration_sessions")}"'

    def menu(response):
        page = response.content.decode()
        return page[page.index('<nav class="main-nav"') : page.index("</nav>")]

    response, sqls = _get(login(cast.assessor), reverse("reports:home"))
    assert link in menu(response)
    assert _reads(sqls, "quality_calibrationparticipant") == []
    response, sqls = _get(login(cast.learner), reverse("reports:home"))
    assert link not in menu(response)
    assert _reads(sqls, "quality_calibrationparticipant") == []


def test_person_figures_without_roles_are_read_alone(cast):
    Membership.objects.filter(person=cast.assessor).delete()
    assessor = type(cast.assessor).objects.get(pk=cast.assessor.pk)
    newcomer = PersonFactory(organisation=cast.organisation)
    notify(recipient=newcomer, kind=NotificationKind.NEW_FEEDBACK, title="Welkom")
    assert roles_of(assessor).all == set()
    with CaptureQueriesContext(connection) as ctx:
        assert person_figure(assessor, PARTICIPATED) is True
        assert person_figure(assessor, PARTICIPATED) is True  # kept on the object
    assert len(ctx.captured_queries) == 1
    assert person_figure(newcomer, PARTICIPATED) is False
    assert person_figure(newcomer, UNREAD_NOTIFICATIONS) == 1


def test_open_requests_and_targets_read_with_the_rows_equal_the_separate_reads(cast):
    rows = homes._enrolment_rows(Enrolment.objects.filter(pk=cast.enrolment.pk))
    [before] = summarise(list(rows), timezone.now())
    request_feedback(
        enrolment=cast.enrolment,
        by=cast.learner,
        question="Hoe ging mijn overdracht?",
        recipient=cast.supervisor,
        base_url="http://testserver",
    )
    now = timezone.now()
    [plain] = summarise(list(rows), now)
    with CaptureQueriesContext(connection) as ctx:
        [read] = summarise(list(with_summary_figures(rows, now)), now)
    # The enrolment rows (with every figure) and the learners' moments in the windows.
    assert len(ctx.captured_queries) == 2
    assert read.load.open_requests == plain.load.open_requests == before.load.open_requests + 1
    assert read.targets == plain.targets != []
    assert read.balance == plain.balance


def test_team_page_is_counted_with_its_rows(cast, monkeypatch):
    monkeypatch.setattr(homes, "TEAM_PAGE_SIZE", 1)
    trainer = cast.practice_trainer
    expected = list(
        Enrolment.objects.filter(
            team_id__in=roles_of(trainer).teams_with("practice_trainer"),
            status=EnrolmentStatus.ACTIVE,
        ).order_by("team__name", "learner__full_name", "id")
    )
    assert len(expected) >= 2
    seen = []
    for number in range(1, len(expected) + 1):
        result = team_home(trainer, {"page": str(number)})
        assert result["page"].number == number
        assert result["page"].paginator.count == len(expected)
        seen += [s.enrolment for s in result["summaries"]]
    assert seen == expected
    # Past the end: the last page; unreadable: the first; 0: the last (as get_page does).
    assert team_home(trainer, {"page": "99"})["page"].number == len(expected)
    assert team_home(trainer, {"page": "x"})["page"].number == 1
    assert team_home(trainer, {"page": "0"})["page"].number == len(expected)
    # A filter that finds nobody: one empty page.
    empty = team_home(trainer, {"q": "Niemand heet zo"})
    assert (empty["page"].paginator.count, empty["summaries"]) == (0, [])


def test_home_names_the_people_of_listed_moments(cast, login):
    plan(cast, starts_at=at(2, 9), participants=[cast.specialist, cast.supervisor])
    html = login(cast.learner).get(reverse("reports:home")).content.decode()
    assert "Bea Begeleider, Vera Vakspecialist" in html
    plan(cast, starts_at=at(-1, 9), title="Nog vastleggen")
    html = login(cast.supervisor).get(reverse("reports:home")).content.decode()
    assert "Nog vastleggen" in html
    assert "(Lies Lerende)" in html


def test_supervisor_reads_are_prepared_and_equal_the_orm_reads(cast):
    """The supervisor's enrolments (with their figures) and moments to record are
    prepared reads; they read what the ORM's reads read."""
    from begeleid.guidance.enums import MomentStatus
    from begeleid.guidance.queries import guided_enrolments, moments_to_record, supervisor_home

    plan(cast, starts_at=at(-1, 9))
    plan(cast, starts_at=at(-2, 9), status=MomentStatus.HELD)
    plan(cast, starts_at=at(-3, 9), title="Nog een")
    now = timezone.now()
    user = cast.supervisor

    def figures(rows):
        return [
            (e.pk, e.status, e.learner.full_name, e.team.name, e.current_phase.name)
            + (e.summary_last, e.summary_next, e.summary_guiding, e.summary_requests)
            + (e.summary_targets, e.summary_at)
            for e in rows
        ]

    prepared = guided_enrolments(user, now)
    assert figures(prepared) == figures(with_summary_figures(guided_enrolments(user), now))
    assert prepared, "the cast's supervisor should guide someone"
    to_record = supervisor_home(user, now, summaries=[])["to_record"]
    expected = list(moments_to_record(user, now)[:10])
    assert [(m.pk, m.uuid, m.title, m.starts_at) for m in to_record] == [
        (m.pk, m.uuid, m.title, m.starts_at) for m in expected
    ]
    assert [m.learner_list for m in to_record] == [["Lies Lerende"], ["Lies Lerende"]]


def test_home_table_rows_show_the_summaries(cast):
    """A table row is what the summary says: names, dates as the list draws them ("–"
    for none), the balance warnings then the load breaches; the team's table adds the
    team and the load."""
    from django.template.defaultfilters import date

    from begeleid.guidance.enums import MomentStatus
    from begeleid.guidance.load import LoadBreach
    from begeleid.guidance.queries import homes
    from begeleid.guidance.tests.helpers import enrol_learner

    plan(cast, starts_at=at(-3, 9), status=MomentStatus.HELD)
    newcomer = enrol_learner(cast, "Nora Nieuw")
    now = timezone.now()
    rows = homes._enrolment_rows(Enrolment.objects.filter(pk__in=[cast.enrolment.pk, newcomer.pk]))
    summaries = summarise(list(with_summary_figures(rows, now)), now)
    [summary] = [s for s in summaries if s.enrolment.pk == cast.enrolment.pk]
    [new] = [s for s in summaries if s.enrolment.pk == newcomer.pk]
    summary.load.breaches.append(LoadBreach("hours", 9, 6, "Te veel uren."))
    assert summary.balance.warnings, "the cast's learner should have a balance warning"
    assert summary.next_moment is not None, "the cast's learner has a moment planned"
    row, new_row = homes.summary_rows([summary, new])
    assert row == {
        "url": reverse("guidance:enrolment_guidance", kwargs={"uuid": cast.enrolment.uuid}),
        "name": "Lies Lerende",
        "phase": cast.enrolment.current_phase.name,
        "last": date(timezone.localtime(summary.last_moment), "j M"),
        "next": date(timezone.localtime(summary.next_moment), "j M H:i"),
        "signals": [("warn", w.message) for w in summary.balance.warnings]
        + [("danger", "Te veel uren.")],
    }
    assert (new_row["name"], new_row["last"], new_row["next"]) == ("Nora Nieuw", "–", "–")
    team_row, _ = homes.summary_rows([summary, new], team=True)
    assert team_row == row | {"team": cast.team.name, "load": summary.load.label}


def test_home_table_draws_signals_as_badges(cast, login):
    from begeleid.guidance.enums import MomentStatus
    from begeleid.programmes.enums import GuidanceForm

    for week in range(6):
        plan(
            cast,
            starts_at=at(-7 * week - 1, 9),
            form=GuidanceForm.INSTRUCTION,
            status=MomentStatus.HELD,
        )
    response, _ = _get(login(cast.supervisor), reverse("reports:home"))
    [summary] = [
        s
        for s in response.context["guidance_supervisor"]["summaries"]
        if s.enrolment == cast.enrolment
    ]
    assert summary.balance.warnings
    badges = "".join(
        f'<span class="badge badge--warn guidance-warning">{w.message}</span> '
        for w in summary.balance.warnings
    )
    assert f'<td data-label="Signalen">{badges}</td>' in response.content.decode()
    assert '<span class="badge badge--ok">in balans</span>' not in response.content.decode()
