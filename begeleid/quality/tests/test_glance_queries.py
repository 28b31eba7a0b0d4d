"""'Ons begeleidingsmodel' at a glance: a fixed number of queries whatever the number of
teams; links only for whoever may open the linked page, decided by the permission that
page checks (never by running it); in the organisation's glance, one finding per kind
for all teams, with a count and a few team names."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from begeleid.collaboration.enums import AgreementStatus
from begeleid.collaboration.models import TeamAgreement
from begeleid.core.links import can_open
from begeleid.organisations.enums import Role
from begeleid.organisations.queries import forget_roles
from begeleid.quality.glance import build_glance
from begeleid.quality.glance.base import SHOWN_TEAMS
from begeleid.quality.views_dashboards import _links_they_can_open
from tests.factories import PersonFactory, TeamFactory, give_role
from tests.querycount import count_queries

pytestmark = pytest.mark.django_db

# The whole page: session, person and roles, the dashboard's figures the glance reports
# (build_dashboard) and the glance's own reads (one per kind, 15): 26 for the organisation,
# 25 for a team. Above the ten of the performance issue: see the glance's own reads.
MAX_QUERIES = 26
EXTRA_TEAMS = 25


def _add_teams(cast, n=EXTRA_TEAMS):
    """Workfloor teams (no wards under them); every other one with a team leader, every
    third one with an agreement past its review date."""
    teams = [TeamFactory(organisation=cast.organisation, name=f"Team {i:02}") for i in range(n)]
    for i, team in enumerate(teams):
        if i % 2:
            leader = PersonFactory(organisation=cast.organisation)
            give_role(leader, Role.TEAM_LEADER, team)
        if i % 3 == 0:
            _overdue_agreement(cast, team, f"Afspraak {i:02}")
    return teams


def _overdue_agreement(cast, team, title):
    return TeamAgreement.objects.create(
        organisation=cast.organisation,
        team=team,
        title=title,
        owner=cast.team_leader,
        review_date=timezone.localdate() - datetime.timedelta(days=7),
        status=AgreementStatus.ACTIVE,
    )


def _texts(glance):
    return [f.text for e in glance.elements for f in e.in_place + e.missing]


def test_organisation_glance_queries_do_not_grow_with_the_teams(client, cast):
    client.force_login(cast.hr)
    url = reverse("quality:organisation_glance")
    client.get(url)
    before = count_queries(client.get, url)
    _add_teams(cast)
    after = count_queries(client.get, url)
    assert before == after
    assert after <= MAX_QUERIES


def test_team_glance_queries_do_not_grow_with_the_teams_or_the_findings(client, cast):
    client.force_login(cast.team_leader)
    url = reverse("quality:team_glance", args=[cast.team.uuid])
    client.get(url)
    before = count_queries(client.get, url)
    _add_teams(cast)
    for i in range(5):
        _overdue_agreement(cast, cast.team, f"Verlopen {i}")
    after = count_queries(client.get, url)
    assert before == after
    assert after <= MAX_QUERIES


def test_deciding_the_links_asks_the_rules_without_a_query(cast, django_assert_num_queries):
    glance = build_glance(organisation=cast.organisation, team=cast.team)
    request = RequestFactory().get("/")
    request.user = cast.team_leader
    forget_roles(cast.team_leader)
    with django_assert_num_queries(1):  # the roles, once for all links
        _links_they_can_open(request, glance)


def test_a_finding_links_only_for_who_may_open_the_page(client, cast):
    """The assessment policy is edited by HR: the team leader reads the finding without
    a link, HR gets the link (on the same team's glance)."""
    text = "Geen beoordelingsbeleid vastgelegd voor Inservice-opleiding verpleegkunde."
    url = reverse("quality:team_glance", args=[cast.team.uuid])
    shown = {}
    for person in (cast.team_leader, cast.hr):
        client.force_login(person)
        response = client.get(url)
        (finding,) = [
            f for e in response.context["glance"].elements for f in e.missing if f.text == text
        ]
        shown[person.pk] = finding.url
        assert text in response.content.decode()
    assert shown[cast.team_leader.pk] == ""
    assert shown[cast.hr.pk].endswith("/policy/edit/")
    client.force_login(cast.hr)
    assert f'<a href="{shown[cast.hr.pk]}">' in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["team_leader", "hr", "admin", "practice_trainer", "learner"])
def test_the_declared_permission_agrees_with_the_linked_page(cast, who):
    """Whatever a finding declares, the linked view itself answers the same (asked the
    slow way, by running it in a rolled-back transaction)."""
    person = getattr(cast, who)
    for team in (cast.team, None):
        glance = build_glance(organisation=cast.organisation, team=team)
        urls = {f.url for e in glance.elements for f in e.in_place + e.missing if f.url}
        request = RequestFactory().get("/")
        request.user = person
        request.session = {}
        shown = {
            f.url
            for e in _links_they_can_open(request, glance).elements
            for f in e.in_place + e.missing
            if f.url
        }
        for url in urls:
            probe = RequestFactory().get("/")
            probe.user = person
            probe.session = {}
            assert (url in shown) == can_open(probe, url), (who, url)


def test_organisation_glance_counts_the_teams_and_names_a_few(client, cast):
    _add_teams(cast)
    client.force_login(cast.hr)
    response = client.get(reverse("quality:organisation_glance"))
    texts = _texts(response.context["glance"])
    # Cardiologie and the 13 extra teams without a leader (even numbers 0..24).
    unled = (
        "14 teams hebben geen teamleider of coördinator (Cardiologie, Team 00, Team 02 en nog 11)."
    )
    assert unled in texts
    assert (
        "9 teamafspraken zijn voorbij de evaluatiedatum (Team 00, Team 03, Team 06 en nog 6)."
        in texts
    )
    assert (
        "27 teams hielden geen kalibratiesessie in de afgelopen 12 maanden "
        "(Cardiologie, Chirurgie, Team 00 en nog 24)." in texts
    )
    # No line per team: the last team is never named, and few findings mention "Team".
    page = response.content.decode()
    assert "Team 24" not in page
    assert sum("Team 0" in t for t in texts) <= 10
    assert SHOWN_TEAMS == 3


def test_team_glance_still_speaks_of_its_own_team(client, cast):
    _add_teams(cast)
    _overdue_agreement(cast, cast.team, "Overdracht")
    client.force_login(cast.team_leader)
    response = client.get(reverse("quality:team_glance", args=[cast.team.uuid]))
    texts = _texts(response.context["glance"])
    assert "Chirurgie: geen kalibratiesessie in de afgelopen 12 maanden." in texts
    assert any(t.startswith("Teamafspraak ‘Overdracht’ (Chirurgie)") for t in texts)
    assert not any("Team 0" in t for t in texts)
