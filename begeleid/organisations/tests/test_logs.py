import datetime

import time_machine
from django.test import RequestFactory
from django.urls import reverse

from begeleid.core.audit import record_access
from begeleid.organisations import services
from tests.factories import PersonFactory

from .helpers import queries_for_get

AMSTERDAM = datetime.timezone(datetime.timedelta(hours=1))


def ours(response):
    """Events on the page that our organisations app wrote (other apps' casts add theirs)."""
    return [e for e in response.context["page"] if e.action.startswith("organisations.")]


def view(viewer, subject, what="profiel en rollen"):
    request = RequestFactory().get(f"/organisation/people/{subject.uuid}/")
    request.user = viewer
    return record_access(request=request, subject=subject, what=what)


# Audit log


def test_audit_log_lists_changes_newest_first_with_their_fields(cast, login):
    services.update_team(team=cast.team, name="Chirurgie A", by=cast.admin)
    services.update_person(person=cast.learner, full_name="Lies de Vries", by=cast.hr)
    response = login(cast.admin).get(reverse("organisations:audit_log"))
    assert response.status_code == 200
    events = ours(response)
    assert [(e.action, e.actor) for e in events] == [
        ("organisations.update_person", cast.hr),
        ("organisations.update_team", cast.admin),
    ]
    assert events[0].change_rows == [("full_name", "Lies Lerende", "Lies de Vries")]
    assert events[0].type_name == "medewerker"
    html = response.content.decode()
    assert "Lies Lerende → Lies de Vries" in html
    assert "Chirurgie → Chirurgie A" in html


def test_audit_log_filters_by_action_actor_and_object_type(cast, login):
    services.update_team(team=cast.team, name="Chirurgie A", by=cast.admin)
    services.update_profession(profession=cast.nurse, name="Verpleegkundige (mbo)", by=cast.hr)
    services.set_person_active(person=cast.learner, active=False, by=cast.hr)
    client = login(cast.admin)
    url = reverse("organisations:audit_log")
    by_action = client.get(url, {"action": "organisations.update_team"})
    assert [e.action for e in by_action.context["page"]] == ["organisations.update_team"]
    # Other apps' casts let HR write events too; here only ours matter.
    by_actor = client.get(url, {"actor": "hanna"})
    assert {e.actor for e in by_actor.context["page"]} == {cast.hr}
    assert [e.action for e in ours(by_actor)] == [
        "organisations.deactivate_person",
        "organisations.update_profession",
    ]
    by_type = client.get(url, {"object_type": "organisations.profession"})
    assert [e.action for e in ours(by_type)] == ["organisations.update_profession"]
    assert {e.object_type for e in by_type.context["page"]} == {"organisations.profession"}


def test_audit_log_filters_by_date_range(cast, login):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=AMSTERDAM), tick=False):
        services.update_team(team=cast.team, name="Maart", by=cast.admin)
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=AMSTERDAM), tick=False):
        services.update_team(team=cast.team, name="April", by=cast.admin)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=AMSTERDAM), tick=False):
        services.update_team(team=cast.team, name="Mei", by=cast.admin)
    response = login(cast.admin).get(
        reverse("organisations:audit_log"), {"since": "2026-03-15", "until": "2026-04-01"}
    )
    assert [e.changes["name"]["new"] for e in response.context["page"]] == ["April"]


def test_audit_log_with_an_end_before_the_start_explains_and_filters_nothing(cast, login):
    services.update_team(team=cast.team, name="Chirurgie A", by=cast.admin)
    response = login(cast.admin).get(
        reverse("organisations:audit_log"), {"since": "2026-04-02", "until": "2026-04-01"}
    )
    assert response.context["form"].errors == {"until": ["De einddatum ligt voor de begindatum."]}
    assert len(ours(response)) == 1


def test_audit_log_query_count_does_not_grow_with_rows(cast, login):
    client = login(cast.admin)
    url = reverse("organisations:audit_log") + "?action=organisations.update_team"
    services.update_team(team=cast.team, name="Een", by=cast.admin)
    one = queries_for_get(client, url)
    services.update_team(team=cast.team, name="Twee", by=cast.hr)
    services.update_team(team=cast.team, name="Drie", by=cast.admin)
    assert len(client.get(url).context["page"]) == 3
    assert queries_for_get(client, url) == one


def test_audit_log_of_another_organisation_shows_none_of_ours(cast, login):
    services.update_team(team=cast.team, name="Chirurgie A", by=cast.admin)
    theirs = PersonFactory(organisation=cast.other_organisation, full_name="Hun Medewerker")
    services.update_person(person=theirs, full_name="Hun Collega", by=cast.stranger)
    response = login(cast.stranger).get(reverse("organisations:audit_log"))
    assert [e.object_repr for e in response.context["page"]] == ["Hun Collega"]
    assert "Chirurgie" not in response.content.decode()


def test_audit_log_is_read_only(cast, login):
    response = login(cast.admin).post(reverse("organisations:audit_log"), {})
    assert response.status_code == 405


# Access log


def test_access_log_lists_who_opened_whose_data(cast, login):
    view(cast.supervisor, cast.learner, "portfolio")
    view(cast.admin, cast.other_learner)
    response = login(cast.admin).get(reverse("organisations:access_log"))
    assert [(e.viewer, e.subject, e.what) for e in response.context["page"]] == [
        (cast.admin, cast.other_learner, "profiel en rollen"),
        (cast.supervisor, cast.learner, "portfolio"),
    ]
    assert "Bea Begeleider" in response.content.decode()


def test_access_log_filters_by_viewer_subject_and_dates(cast, login):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=AMSTERDAM), tick=False):
        view(cast.supervisor, cast.learner, "maart")
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=AMSTERDAM), tick=False):
        view(cast.supervisor, cast.other_learner, "april")
        view(cast.assessor, cast.learner, "april-beoordelaar")
    client = login(cast.admin)
    url = reverse("organisations:access_log")

    def whats(**params):
        return [e.what for e in client.get(url, params).context["page"]]

    assert whats(viewer="bea") == ["april", "maart"]
    assert whats(subject="lies") == ["april-beoordelaar", "maart"]
    assert whats(viewer="bea", subject="olaf") == ["april"]
    assert whats(since="2026-03-02", until="2026-04-30") == ["april-beoordelaar", "april"]


def test_access_log_query_count_does_not_grow_with_rows(cast, login):
    client = login(cast.admin)
    url = reverse("organisations:access_log")
    view(cast.supervisor, cast.learner)
    one = queries_for_get(client, url)
    view(cast.assessor, cast.learner)
    view(cast.supervisor, cast.other_learner)
    assert len(client.get(url).context["page"]) == 3
    assert queries_for_get(client, url) == one


def test_access_log_of_another_organisation_shows_none_of_ours(cast, login):
    view(cast.supervisor, cast.learner)
    theirs = PersonFactory(organisation=cast.other_organisation, full_name="Hun Lerende")
    view(cast.stranger, theirs)
    response = login(cast.stranger).get(reverse("organisations:access_log"))
    assert [e.subject for e in response.context["page"]] == [theirs]
    assert "Lies Lerende" not in response.content.decode()


# Navigation


def test_admin_sees_the_management_menu_and_home_links(cast, login):
    html = login(cast.admin).get(reverse("reports:home")).content.decode()
    assert f'href="{reverse("organisations:people")}"' in html
    assert f'href="{reverse("organisations:audit_log")}"' in html
    page = login(cast.admin).get(reverse("organisations:teams")).content.decode()
    assert '<ul class="subnav">' in page
    assert f'<a href="{reverse("organisations:teams")}" aria-current="page">' in page


def test_non_admin_sees_no_management_menu(cast, login):
    html = login(cast.hr).get(reverse("reports:home")).content.decode()
    assert reverse("organisations:people") not in html
