"""Anonymous signals: nothing stored or logged points back to the raiser."""

import logging

from django.urls import reverse

from begeleid.collaboration.models import Signal
from begeleid.collaboration.services import hash_follow_up_code
from begeleid.core.models import AccessEvent, AuditEvent


def _values(instance):
    return [str(getattr(instance, f.attname)) for f in instance._meta.concrete_fields]


def test_anonymous_signal_leaves_no_trace_of_the_raiser(cast, client, caplog):
    person = cast.supervisor
    client.force_login(person)
    audit_before = set(AuditEvent.objects.values_list("pk", flat=True))
    access_before = set(AccessEvent.objects.values_list("pk", flat=True))
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            reverse("collaboration:signal_raise"),
            {
                "level": "team",
                "team": cast.team.pk,
                "title": "Fouten worden in de overdracht afgestraft",
                "description": "Wie een fout meldt, krijgt het in de overdracht voor de groep te horen.",
                "anonymous": "on",
            },
        )
    assert response.status_code == 200
    code = response.context["code"]
    signal = Signal.objects.get(title="Fouten worden in de overdracht afgestraft")
    assert (signal.raised_by_id, signal.is_anonymous) == (None, True)
    assert signal.follow_up_code_hash == hash_follow_up_code(code)
    assert code not in _values(signal)

    traces = {str(person.pk), str(person.uuid), person.email, person.full_name}
    new_audit = AuditEvent.objects.exclude(pk__in=audit_before)
    assert [(e.action, e.actor_id, e.request_id) for e in new_audit] == [
        ("collaboration.raise_signal", None, "")
    ]
    rows = [signal, *new_audit, *AccessEvent.objects.exclude(pk__in=access_before)]
    stored = " ".join(" ".join(_values(row)) for row in rows)
    stored += " " + " ".join(str(e.changes) for e in new_audit)
    for trace in traces - {str(person.pk)}:
        assert trace not in stored
    # The raiser's id is a small integer: check every link to a person, whole-valued.
    person_links = [
        getattr(row, f.attname)
        for row in rows
        for f in row._meta.concrete_fields
        if f.is_relation and f.related_model is type(person)
    ]
    assert person.pk not in person_links
    logged = " ".join(record.getMessage() for record in caplog.records)
    for trace in traces - {str(person.pk)}:
        assert trace not in logged


def test_anonymous_raiser_cannot_find_it_among_my_signals(cast, client):
    client.force_login(cast.learner)
    client.post(
        reverse("collaboration:signal_raise"),
        {
            "level": "organisation",
            "title": "Geen tijd voor scholing",
            "description": "x",
            "anonymous": "on",
        },
    )
    response = client.get(reverse("collaboration:signal_mine"))
    assert list(response.context["signals"]) == []


def test_follow_up_code_shows_the_resolution_publicly(cast, client):
    client.force_login(cast.learner)
    response = client.post(
        reverse("collaboration:signal_raise"),
        {
            "level": "organisation",
            "title": "Begeleiders hebben geen tijd in de avonddienst",
            "description": "In de avonddienst schiet begeleiden er steeds bij in.",
            "anonymous": "on",
        },
    )
    code = response.context["code"]
    signal = Signal.objects.get(title="Begeleiders hebben geen tijd in de avonddienst")
    assert signal.owner == cast.hr
    client.force_login(cast.hr)
    client.post(
        reverse("collaboration:signal_manage", kwargs={"uuid": signal.uuid}),
        {
            "owner": cast.hr.pk,
            "status": "resolved",
            "resolution": "Avonddienst krijgt een extra begeleider.",
        },
    )
    client.logout()
    response = client.post(reverse("collaboration:signal_follow_up"), {"code": code.lower()})
    assert response.context["signal"] == signal
    assert "Avonddienst krijgt een extra begeleider." in response.text
    response = client.post(
        reverse("collaboration:signal_follow_up"), {"code": "AAAA-BBBB-CCCC-DDDD"}
    )
    assert response.context["signal"] is None
    assert "Geen signaal gevonden bij deze code" in response.text


def test_resolving_requires_a_resolution_text(cast, client):
    client.force_login(cast.team_leader)
    response = client.post(
        reverse("collaboration:signal_manage", kwargs={"uuid": cast.signal.uuid}),
        {"owner": cast.team_leader.pk, "status": "resolved", "resolution": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["resolution"] == [
        "Beschrijf hoe het signaal is afgehandeld; de melder ziet dit."
    ]
    cast.signal.refresh_from_db()
    assert cast.signal.status == "open"
