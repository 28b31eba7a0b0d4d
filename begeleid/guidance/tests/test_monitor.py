"""Balance, load and capacity through the pages, home pages, query counts, isolation."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from begeleid.guidance import services
from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import TeamGuidanceSettings
from begeleid.programmes.enums import GuidanceForm

from .helpers import at, enrol_learner, plan

pytestmark = pytest.mark.django_db


def only_instruction(cast, enrolment, weeks=6):
    """Weekly instruction for ``weeks`` weeks, and nothing else (the cast's coaching is off)."""
    if cast.moment.status == MomentStatus.PLANNED:
        services.cancel_moment(moment=cast.moment, reason="Vervalt.", by=cast.supervisor)
    for week in range(weeks):
        plan(
            cast,
            enrolments=[enrolment],
            starts_at=at(-7 * week - 1, 9),
            form=GuidanceForm.INSTRUCTION,
            status=MomentStatus.HELD,
        )


def test_balance_warns_for_the_learner_with_only_instruction_and_not_the_other(cast, login):
    only_instruction(cast, cast.enrolment)
    balanced = enrol_learner(cast, "Bram Balans")
    for form in (
        GuidanceForm.INSTRUCTION,
        GuidanceForm.COACHING_ON_THE_JOB,
        GuidanceForm.REFLECTION,
    ):
        plan(
            cast,
            enrolments=[balanced],
            starts_at=at(-3, 9),
            form=form,
            status=MomentStatus.HELD,
            participants=[],
        )
    client = login(cast.supervisor)
    page = client.get(reverse("guidance:enrolment_guidance", kwargs={"uuid": cast.enrolment.uuid}))
    warnings = page.context["summary"].balance.warnings
    assert [(w.kind, w.form) for w in warnings] == [
        ("missing", "coaching_on_the_job"),
        ("missing", "reflection"),
        ("dominant", "instruction"),
    ]
    assert warnings[2].message == (
        "Instructie/training is 100% van alle begeleiding in de afgelopen 6 weken (grens 70%)."
    )
    html = page.content.decode()
    assert "<svg" in html and 'class="balance-chart__held"' in html
    other = client.get(reverse("guidance:enrolment_guidance", kwargs={"uuid": balanced.uuid}))
    assert other.context["summary"].balance.warnings == []


def test_balance_dominance_limit_follows_the_team_setting(cast, login):
    only_instruction(cast, cast.enrolment, weeks=3)
    plan(cast, starts_at=at(-2, 14), form=GuidanceForm.REFLECTION, status=MomentStatus.HELD)
    url = reverse("guidance:enrolment_guidance", kwargs={"uuid": cast.enrolment.uuid})
    kinds = [w.kind for w in login(cast.learner).get(url).context["summary"].balance.warnings]
    assert "dominant" in kinds  # 3 of 4 (75 %) > 70 %
    TeamGuidanceSettings.objects.create(
        organisation=cast.organisation, team=cast.team, dominance_percent=80
    )
    kinds = [w.kind for w in login(cast.learner).get(url).context["summary"].balance.warnings]
    assert "dominant" not in kinds


def test_load_breach_shows_for_the_overloaded_learner_only(cast, login):
    for day in (1, 2, 3, 4):
        plan(cast, starts_at=at(day, 8), minutes=105, participants=[cast.specialist])  # 7 hours
    calm = enrol_learner(cast, "Rustige Ria")
    plan(cast, enrolments=[calm], starts_at=at(1, 13), minutes=60, participants=[])
    response = login(cast.team_leader).get(reverse("reports:home"))
    summaries = {s.enrolment.pk: s for s in response.context["guidance_team"]["summaries"]}
    breach = summaries[cast.enrolment.pk].load.breaches
    assert [(b.kind, b.value, b.limit) for b in breach] == [("hours", 8.0, 6)]
    assert summaries[calm.pk].load.breaches == []
    assert "8 uur begeleiding per week, boven de grens van 6." in response.content.decode()


def test_team_settings_are_saved_with_audit(cast, login):
    url = reverse("guidance:team_settings", kwargs={"uuid": cast.team.uuid})
    data = {
        "balance_window_weeks": "8",
        "dominance_percent": "60",
        "max_supervisors": "3",
        "max_guidance_hours_per_week": "5",
        "max_open_requests": "4",
    }
    response = login(cast.practice_trainer).post(url, data)
    assert response.status_code == 302
    saved = TeamGuidanceSettings.objects.get(team=cast.team)
    assert (saved.balance_window_weeks, saved.dominance_percent, saved.max_supervisors) == (
        8,
        60,
        3,
    )
    response = login(cast.practice_trainer).post(url, data | {"dominance_percent": "10"})
    assert response.status_code == 200
    assert response.context["form"].errors["dominance_percent"]


def test_capacity_shows_who_has_room_and_who_is_over(cast, login):
    today = timezone.localdate()
    services.reserve_capacity(
        team=cast.team,
        person=cast.supervisor,
        hours_per_week=1,
        valid_from=today,
        valid_until=None,
        by=cast.team_leader,
    )
    services.reserve_capacity(
        team=cast.team,
        person=cast.specialist,
        hours_per_week=4,
        valid_from=today,
        valid_until=None,
        by=cast.team_leader,
    )
    monday = today - datetime.timedelta(days=today.weekday())
    offset = (monday - today).days
    plan(cast, starts_at=at(offset, 7), minutes=120, participants=[cast.supervisor])
    plan(cast, starts_at=at(offset, 12), minutes=60, participants=[cast.specialist])
    response = login(cast.team_leader).get(
        reverse("guidance:team_capacity", kwargs={"uuid": cast.team.uuid})
    )
    rows = {
        r.person.full_name: (
            float(r.capacity.reserved_hours),
            r.capacity.used_hours,
            r.capacity.status,
        )
        for r in response.context["rows"]
    }
    assert rows["Bea Begeleider"][2] == "over"
    assert rows["Vera Vakspecialist"] == (4.0, 1.0, "room")


# Home pages: the query count does not grow with the number of learners or moments


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_learners(cast, n):
    for i in range(n):
        e = enrol_learner(cast, f"Lerende {i}")
        plan(cast, enrolments=[e], starts_at=at(-2, 8 + i), status=MomentStatus.HELD)
        plan(cast, enrolments=[e], starts_at=at(5, 8 + i))


# At most (docs/performance.md: the home sections share their reads, and the inbox count
# and menu predicates come with the roles); "at most" because session, permission and
# other apps' home reads may still shrink. DESIGN.md §8 allows 10.
HOME_QUERIES = {"supervisor": 7, "team_leader": 10, "practice_trainer": 8, "learner": 8}


@pytest.mark.usefixtures("build_pages")
@pytest.mark.parametrize("persona", ["supervisor", "team_leader", "practice_trainer"])
def test_home_query_count_does_not_grow_with_learners(cast, login, persona):
    client = login(cast.people[persona])
    _add_learners(cast, 1)
    one = _count(client, reverse("reports:home"))
    _add_learners(cast, 2)
    three = _count(client, reverse("reports:home"))
    assert one == three
    assert one <= HOME_QUERIES[persona]


@pytest.mark.usefixtures("build_pages")
def test_learner_home_and_moment_list_query_count_does_not_grow_with_moments(cast, login):
    client = login(cast.learner)
    home_one = _count(client, reverse("reports:home"))
    list_one = _count(client, reverse("guidance:moment_list"))
    assert home_one <= HOME_QUERIES["learner"]
    assert list_one <= 9
    plan(cast, starts_at=at(4, 9))
    plan(cast, starts_at=at(4, 9, 30), form=GuidanceForm.REFLECTION)
    assert _count(client, reverse("reports:home")) == home_one
    assert _count(client, reverse("guidance:moment_list")) == list_one


def test_learner_home_shows_phase_guides_and_next_moments(cast, login):
    response = login(cast.learner).get(reverse("reports:home"))
    html = response.content.decode()
    [summary] = response.context["guidance_learner"]["summaries"]
    assert summary.enrolment == cast.enrolment
    assert [(a.person.full_name, a.capacity) for a in summary.guides] == [
        ("Bea Begeleider", "first_supervisor"),
        ("Vera Vakspecialist", "specialist"),
        ("Piet Praktijkopleider", "practice_trainer"),
    ]
    assert response.context["guidance_learner"]["upcoming"] == [cast.moment]
    assert cast.enrolment.current_phase.name in html
    assert "Coaching bij de ochtendzorg" in html


def test_supervisor_home_lists_moments_still_to_record(cast, login):
    past = plan(cast, starts_at=at(-1, 9))
    plan(cast, starts_at=at(-2, 9), status=MomentStatus.HELD)
    response = login(cast.supervisor).get(reverse("reports:home"))
    assert response.context["guidance_supervisor"]["to_record"] == [past]
    assert [s.enrolment for s in response.context["guidance_supervisor"]["summaries"]] == [
        cast.enrolment
    ]


def test_team_home_filters_by_name_and_phase(cast, login):
    client = login(cast.practice_trainer)
    response = client.get(reverse("reports:home"), {"q": "Olaf"})
    assert [s.enrolment for s in response.context["guidance_team"]["summaries"]] == [
        cast.other_enrolment
    ]
    response = client.get(reverse("reports:home"), {"phase": "instruction", "team": "not-a-uuid"})
    assert [s.enrolment for s in response.context["guidance_team"]["summaries"]] == [cast.enrolment]


# Isolation


def test_person_of_another_organisation_sees_no_moments(cast, login):
    client = login(cast.stranger)
    assert list(client.get(reverse("guidance:moment_list")).context["page"].object_list) == []
    assert (
        client.get(reverse("guidance:moment_detail", kwargs={"uuid": cast.moment.uuid})).status_code
        == 404
    )
    home = client.get(reverse("reports:home"))
    assert "guidance_team" not in home.context and "guidance_learner" not in home.context


def test_outsider_team_home_does_not_show_other_teams(cast, login):
    response = login(cast.outsider).get(reverse("reports:home"))
    assert response.context["guidance_supervisor"]["summaries"] == []
    assert "Lies Lerende" not in response.content.decode()


def test_team_warnings_filter_finds_flagged_learners_on_every_page(cast, monkeypatch):
    from begeleid.guidance import queries

    everyone = queries.team_home(cast.practice_trainer, {})["summaries"]
    flagged = {s.enrolment.learner_id for s in everyone if s.warning_count}
    assert flagged, "the cast should have at least one learner with a warning"

    monkeypatch.setattr(queries.homes, "TEAM_PAGE_SIZE", 1)
    seen, page_number = set(), 1
    while True:
        result = queries.team_home(
            cast.practice_trainer, {"warnings": "1", "page": str(page_number)}
        )
        seen |= {s.enrolment.learner_id for s in result["summaries"]}
        if not result["page"].has_next():
            break
        page_number += 1
    assert seen == flagged
    assert result["page"].paginator.count == len(flagged)


def test_summary_figures_read_with_the_rows_equal_the_separate_reads(cast):
    """The home reads last/next moment and guiding count with the enrolment rows; the
    summaries must be the same as when summarise reads them itself."""
    from begeleid.guidance import queries
    from begeleid.programmes.models import Enrolment

    plan(cast, starts_at=at(-3, 9), status=MomentStatus.HELD)
    plan(cast, starts_at=at(-1, 9))  # planned, in the past: not the next moment
    plan(cast, starts_at=at(3, 10))
    plan(cast, starts_at=at(2, 10), status=MomentStatus.HELD)  # not planned: not next
    now = timezone.now()
    rows = queries.homes._enrolment_rows(Enrolment.objects.filter(pk=cast.enrolment.pk))
    plain = queries.summarise(list(rows), now)
    figures = queries.summarise(list(queries.with_summary_figures(rows, now)), now)
    annotated = list(queries.with_summary_figures(rows, now))
    later = queries.summarise(annotated, at(0, 0))

    def facts(summaries):
        return [
            (s.enrolment.pk, s.last_moment, s.next_moment, s.load, s.balance, len(s.guides))
            for s in summaries
        ]

    assert facts(figures) == facts(plain)
    assert annotated[0].summary_next == plain[0].next_moment is not None
    assert annotated[0].summary_last == plain[0].last_moment is not None
    # Figures read for another moment are not used.
    assert facts(later) == facts(queries.summarise(list(rows), at(0, 0)))


def test_moments_to_record_are_only_the_users_own(cast, login):
    mine = plan(cast, starts_at=at(-1, 9))
    response = login(cast.practice_trainer).get(reverse("reports:home"))
    assert mine not in response.context["guidance_supervisor"]["to_record"]
    response = login(cast.supervisor).get(reverse("reports:home"))
    assert response.context["guidance_supervisor"]["to_record"] == [mine]


@pytest.mark.parametrize("persona", ["practice_trainer", "team_leader"])
def test_team_first_page_prepared_reads_what_the_filtered_read_reads(cast, persona):
    """The first page without filters is a prepared read; it must list the same rows with
    the same figures and count as the general read for filters and further pages."""
    from begeleid.guidance import queries

    homes = queries.homes
    plan(cast, starts_at=at(-3, 9), status=MomentStatus.HELD)
    plan(cast, starts_at=at(3, 10))
    user = getattr(cast, persona)
    now = timezone.now()
    filtered = homes.team_enrolments(user)
    general = homes._page_with_count(
        queries.with_summary_figures(filtered, now), filtered, "1", homes.TEAM_PAGE_SIZE
    )
    prepared = homes._first_page(user, now)

    def rows(page):
        return [
            (e.pk, e.learner.full_name, e.team.name, e.summary_last, e.summary_next)
            + (e.summary_guiding, e.summary_requests, e.summary_targets, e.summary_at)
            for e in page.object_list
        ]

    assert rows(prepared) == rows(general)
    assert rows(prepared), "the cast's trainers should see enrolments"
    assert prepared.paginator.count == general.paginator.count == filtered.count()
    # What the home shows is the prepared read (the same summaries).
    shown = homes.team_home(user, {}, now)
    assert [s.enrolment.pk for s in shown["summaries"]] == [r[0] for r in rows(general)]
