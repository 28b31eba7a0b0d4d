"""The coverage page: per statement a count, the teams gaps first, one page at a time."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone

from begeleid.collaboration import queries, services
from begeleid.collaboration.enums import (
    AgreementStatus,
    VisionQuestion,
    VisionStatus,
    WorkfloorTopic,
)
from begeleid.collaboration.models import Vision, VisionStatement
from begeleid.collaboration.tests.cast import STATEMENTS
from tests.factories import TeamFactory
from tests.querycount import count_queries

URL = reverse("collaboration:agreement_coverage")


def _agree(cast, team, statements, *, days=90, topic=""):
    return services.save_agreement(
        team=team,
        fields={
            "title": f"Afspraak van {team.name}",
            "topic": topic,
            "text": "",
            "owner": cast.team_leader,
            "review_date": timezone.localdate() + datetime.timedelta(days=days),
        },
        statements=statements,
        by=cast.team_leader,
    )


def _cite_nothing(cast, team):
    """The team's one agreement cites no statement any more (through the service, which
    keeps the team's coverage)."""
    agreement = team.agreements.get()
    services.save_agreement(
        team=team, agreement=agreement, fields={}, statements=[], by=cast.team_leader
    )


def _statement(cast, question):
    return cast.vision.statements.get(question=question)


def _wards(cast, n, *, prefix="Afdeling"):
    """``n`` more wards in the cast's organisation, each putting the whole vision into
    practice (gaps: only the incomplete workfloor minimum)."""
    statements = list(cast.vision.statements.all())
    wards = []
    for i in range(n):
        ward = TeamFactory(organisation=cast.organisation, name=f"{prefix} {i:02d}")
        _agree(cast, ward, statements)
        wards.append(ward)
    return wards


def _coverage(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response, response.context["coverage"]


def _names(coverage):
    return [row.team.name for row in coverage.page]


def test_coverage_counts_per_statement_the_teams_that_put_it_into_practice(cast, client):
    # Chirurgie (the cast's team) cites "learning"; Cardiologie cites "learning" and
    # "mistakes"; an archived agreement of Cardiologie citing "competence" does not count.
    learning, mistakes, competence = (
        _statement(cast, q)
        for q in (VisionQuestion.LEARNING, VisionQuestion.MISTAKES, VisionQuestion.COMPETENCE)
    )
    _agree(cast, cast.other_team, [learning, mistakes])
    services.archive_agreement(agreement=_agree(cast, cast.other_team, [competence]), by=cast.hr)
    # A new version of the vision: agreements citing the earlier one still count.
    services.publish_vision(vision=cast.draft_vision, by=cast.hr)
    client.force_login(cast.hr)

    response, coverage = _coverage(client)

    assert coverage.team_count == 2
    assert {s.title: n for s, n in coverage.statements} == {
        STATEMENTS[VisionQuestion.LEARNING]: 2,
        STATEMENTS[VisionQuestion.MISTAKES]: 1,
        STATEMENTS[VisionQuestion.COMPETENCE]: 0,
        STATEMENTS[VisionQuestion.AUTONOMY]: 0,
    }
    assert all(s.vision_id == cast.draft_vision.pk for s, _ in coverage.statements)
    assert response.text.count("In praktijk gebracht door 2 van 2 teams") == 1
    assert response.text.count("In praktijk gebracht door 1 van 2 teams") == 1
    assert response.text.count("In praktijk gebracht door 0 van 2 teams") == 2
    assert response.text.count("geen enkel team") == 2
    assert '<meter min="0" max="2" value="1"' in response.text
    uncovered = {row.team.name: [s.title for s in row.uncovered] for row in coverage.page}
    assert uncovered == {
        # In the order of the page: by question, then position.
        "Cardiologie": [
            STATEMENTS[VisionQuestion.AUTONOMY],
            STATEMENTS[VisionQuestion.COMPETENCE],
        ],
        "Chirurgie": [
            STATEMENTS[VisionQuestion.AUTONOMY],
            STATEMENTS[VisionQuestion.COMPETENCE],
            STATEMENTS[VisionQuestion.MISTAKES],
        ],
    }


def test_coverage_shows_the_teams_with_most_gaps_first_across_pages(cast, client):
    wards = _wards(cast, 30)
    # Gaps: Afdeling 29 puts nothing into practice (4 statements + minimum = 5), like
    # Cardiologie; Chirurgie covers one statement (3 + minimum = 4); Afdeling 05 has an
    # agreement past its review date (minimum + overdue = 2); the other wards 1 each.
    _cite_nothing(cast, wards[29])
    late = _agree(cast, wards[5], [], days=-1)
    client.force_login(cast.hr)

    _, first = _coverage(client)
    _, second = _coverage(client, page=2)

    assert first.team_count == 32
    assert (first.page.number, first.page.paginator.num_pages) == (1, 2)
    rest = [f"Afdeling {i:02d}" for i in range(29) if i != 5]
    assert _names(first) == ["Afdeling 29", "Cardiologie", "Chirurgie", "Afdeling 05", *rest[:21]]
    assert _names(second) == rest[21:]
    assert [len(row.uncovered) for row in first.page][:4] == [4, 4, 3, 0]
    assert [row.overdue for row in first.page][2:4] == [[], [late]]
    assert all(row.missing == list(WorkfloorTopic) for row in second.page)


def test_coverage_page_query_count_does_not_grow_with_the_teams(cast, client):
    client.force_login(cast.hr)
    client.get(URL)  # warm up sessions and caches
    two = count_queries(client.get, URL)
    wards = _wards(cast, 30)
    _agree(cast, wards[0], [], days=-1)
    thirty_two = count_queries(client.get, URL)
    last_page = count_queries(client.get, URL, {"page": 2})
    # The test client reads its session from the database: one query more than production.
    assert two == thirty_two == last_page
    assert two <= 10


@pytest.mark.parametrize(("page", "expected"), [("abc", 1), ("999", 2), ("0", 2), ("-1", 2)])
def test_coverage_answers_a_bad_page_number_with_a_valid_page(cast, client, page, expected):
    _wards(cast, 30)
    client.force_login(cast.hr)
    _, coverage = _coverage(client, page=page)
    assert coverage.page.number == expected
    assert len(coverage.page) == (25 if expected == 1 else 7)


def test_coverage_of_a_team_leader_holds_only_their_teams(cast, client):
    _wards(cast, 30)
    _agree(cast, cast.other_team, [_statement(cast, VisionQuestion.MISTAKES)])
    client.force_login(cast.team_leader)

    response, coverage = _coverage(client, page=2)

    assert coverage.team_count == 1
    assert _names(coverage) == ["Chirurgie"]
    assert {s.question: n for s, n in coverage.statements} == {
        VisionQuestion.LEARNING: 1,
        VisionQuestion.MISTAKES: 0,
        VisionQuestion.COMPETENCE: 0,
        VisionQuestion.AUTONOMY: 0,
    }
    assert "Cardiologie" not in response.text
    assert "Afdeling 00" not in response.text


def test_coverage_without_a_published_vision_still_lists_the_teams(cast, client):
    Vision.objects.filter(pk=cast.vision.pk).update(status=VisionStatus.ARCHIVED)
    client.force_login(cast.hr)

    response, coverage = _coverage(client)

    assert coverage.statements == []
    assert "Er is nog geen visie gepubliceerd." in response.text
    assert [(row.team.name, row.uncovered) for row in coverage.page] == [
        ("Cardiologie", []),
        ("Chirurgie", []),
    ]


def _gaps_from_the_agreements(user):
    """The teams in scope gaps first, derived from their agreements as they are now (what
    the kept ``TeamCoverage`` rows must give): covered published lineages, minus one for
    an overdue agreement and one for an incomplete workfloor minimum; then by name."""
    today = timezone.localdate()
    published = {
        s.lineage for s in VisionStatement.objects.filter(vision__status=VisionStatus.PUBLISHED)
    }
    keys = []
    for team in queries.teams_in_scope(user):
        active = team.agreements.filter(status=AgreementStatus.ACTIVE)
        cited = {s.lineage for a in active for s in a.statements.all()} & published
        topics = {a.topic for a in active if a.topic}
        overdue = any(a.review_date < today for a in active)
        keys.append(
            (len(cited) - overdue - (len(topics) < len(WorkfloorTopic)), team.name, team.pk)
        )
    return [name for _key, name, _pk in sorted(keys)]


@pytest.mark.parametrize("persona", ["hr", "team_leader"])
def test_coverage_orders_the_teams_as_their_agreements_say_after_every_kind_of_write(
    cast, client, persona
):
    """The page reads what each team's agreements arrange from ``TeamCoverage``; after
    adding, changing and archiving agreements and publishing a new vision, the order and
    the counts are what the agreements themselves give."""
    wards = _wards(cast, 30)
    emptied = wards[29].agreements.get()
    services.save_agreement(
        team=wards[29],
        agreement=emptied,
        fields={"topic": WorkfloorTopic.FIRST_SUPERVISOR},
        statements=[],
        by=cast.team_leader,
    )
    _agree(cast, wards[5], [], days=-1)
    services.archive_agreement(agreement=wards[7].agreements.get(), by=cast.team_leader)
    user = getattr(cast, persona)
    client.force_login(user)

    _, coverage = _coverage(client)

    expected = _gaps_from_the_agreements(user)
    assert _names(coverage) == expected[: len(coverage.page)]
    assert coverage.team_count == queries.teams_in_scope(user).count()
    if persona == "hr":
        # Archived, its only agreement: the most gaps, and first by name among those.
        assert _names(coverage)[0] == "Afdeling 07"
    # A new version of the vision: the cited lineages carry over, nothing is rewritten.
    draft = services.create_vision_draft(organisation=cast.organisation, by=cast.hr)
    services.publish_vision(vision=draft, by=cast.hr)
    _, coverage = _coverage(client)
    assert _names(coverage) == _gaps_from_the_agreements(user)[: len(coverage.page)]
    counts = {s.question: n for s, n in coverage.statements}
    cited = {
        s.question: len({t.pk for t in queries.teams_in_scope(user) if _cites(t, s)})
        for s, _n in coverage.statements
    }
    assert counts == cited


def _cites(team, statement):
    return team.agreements.filter(
        status=AgreementStatus.ACTIVE, statements__lineage=statement.lineage
    ).exists()


def test_coverage_rows_escape_the_names_and_date_the_overdue_agreements(cast, client):
    ward = TeamFactory(organisation=cast.organisation, name="Zorg & Welzijn <3>")
    late = _agree(cast, ward, [], days=-2)
    late.title = "Evaluatie <overdracht>"
    late.save()
    client.force_login(cast.hr)

    response, _coverage_ = _coverage(client)

    due = date_filter(late.review_date, "j M Y")
    assert (
        f'<th scope="row" data-label="Team"><a href="/collaboration/teams/{ward.uuid}/agreements/">'
        "Zorg &amp; Welzijn &lt;3&gt;</a></th>\n"
        '      <td data-label="Nog niet in praktijk"><ul class="list-compact">'
    ) in response.text
    assert (
        '<td data-label="Voorbij de evaluatiedatum"><ul class="list-compact">'
        f"<li>Evaluatie &lt;overdracht&gt; ({due})</li></ul></td>"
    ) in response.text
    assert '<td data-label="Voorbij de evaluatiedatum">–</td>' in response.text
