"""Collaboration: the published vision, team agreements, meetings, signals and
interprofessional activities, written as a Dutch hospital would write them."""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from begeleid.collaboration.enums import (
    ActionStatus,
    MeetingKind,
    SignalLevel,
    SignalStatus,
    VisionStatus,
    WorkfloorTopic,
)
from begeleid.collaboration.models import (
    ActionItem,
    InterprofessionalActivity,
    Meeting,
    MeetingCadence,
    Signal,
    TeamAgreement,
    Vision,
    VisionStatement,
)
from begeleid.collaboration.services import hash_follow_up_code, refresh_coverage
from begeleid.organisations.enums import Role

from .collaboration_texts import (
    ACTIVITIES,
    AGREEMENTS,
    EXTRA_AGREEMENTS,
    INTRODUCTION,
    MEETINGS,
    ORGANISATION_SIGNALS,
    SIGNALS,
    STATEMENTS,
)
from .organisations import PERSONA_HOME_TEAM


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def _by_team(ctx, org):
    people = defaultdict(lambda: defaultdict(list))
    for role, held in ctx.people.get(org.id, {}).items():
        for person, team in held:
            if team is not None:
                people[team.id][role].append(person)
    return people


def _organisation(ctx, org):
    rng, today = ctx.rng, ctx.today
    now = timezone.now()
    hr = ctx.of(org, Role.HR)[0][0]
    people = _by_team(ctx, org)
    teams = ctx.teams[org.id]

    old = Vision.objects.create(
        organisation=org,
        number=1,
        status=VisionStatus.ARCHIVED,
        title="Visie op opleiden 2023",
        introduction="Eerste versie, opgesteld door de werkgroep opleiden.",
        created_by=hr,
        published_at=now - timedelta(days=700),
        published_by=hr,
    )
    vision = Vision.objects.create(
        organisation=org,
        number=2,
        status=VisionStatus.PUBLISHED,
        title="Visie op leren en begeleiden",
        introduction=INTRODUCTION,
        created_by=hr,
        published_at=now - timedelta(days=200),
        published_by=hr,
    )
    old_statements = VisionStatement.objects.bulk_create(
        VisionStatement(
            organisation=org, vision=old, question=q, position=i, title=title, text=text
        )
        for i, (q, title, text) in enumerate(STATEMENTS[:4], start=1)
    )
    statements = VisionStatement.objects.bulk_create(
        VisionStatement(
            organisation=org,
            vision=vision,
            question=q,
            position=i,
            title=title,
            text=text,
            lineage=old_statements[i - 1].lineage if i <= len(old_statements) else None,
        )
        if i <= len(old_statements)
        else VisionStatement(
            organisation=org, vision=vision, question=q, position=i, title=title, text=text
        )
        for i, (q, title, text) in enumerate(STATEMENTS, start=1)
    )

    home = next((t for t in teams if t.name == PERSONA_HOME_TEAM), None)
    gap_team = next((t for t in teams if t is not home), None)
    agreements, links, cadences = [], [], []
    for team in teams:
        crew = people[team.id]
        leader = (crew[Role.TEAM_LEADER] or crew[Role.PRACTICE_TRAINER] or [hr])[0]
        topics = list(WorkfloorTopic)
        if team is gap_team:
            topics.remove(WorkfloorTopic.DEVELOPMENT_REVIEW)
        specs = [(t, *AGREEMENTS[t]) for t in topics]
        extras = (
            EXTRA_AGREEMENTS if team is home else rng.sample(EXTRA_AGREEMENTS, rng.randint(0, 2))
        )
        specs += [("", *spec) for spec in extras]
        for topic, title, text, cites in specs:
            overdue = team is home and topic == WorkfloorTopic.GUIDANCE_MOMENTS
            review = today + timedelta(days=-12 if overdue else rng.randint(20, 300))
            agreements.append(
                TeamAgreement(
                    organisation=org,
                    team=team,
                    title=title,
                    text=text,
                    topic=topic,
                    owner=leader,
                    review_date=review,
                )
            )
            links.append([statements[i] for i in cites])
        cadences.append(
            MeetingCadence(
                organisation=org, team=team, kind=MeetingKind.SUPERVISOR_MEETING, every_weeks=6
            )
        )
        cadences.append(
            MeetingCadence(organisation=org, team=team, kind=MeetingKind.INTERVISION, every_weeks=8)
        )
    agreements = TeamAgreement.objects.bulk_create(agreements, batch_size=2000)
    Through = TeamAgreement.statements.through
    Through.objects.bulk_create(
        [
            Through(teamagreement_id=a.pk, visionstatement_id=s.pk)
            for a, cited in zip(agreements, links, strict=True)
            for s in cited
        ],
        batch_size=5000,
    )
    # What the coverage page reads of each team's agreements (TeamCoverage).
    refresh_coverage([team.id for team in teams])
    MeetingCadence.objects.bulk_create(cadences, batch_size=2000)
    by_team_agreements = defaultdict(list)
    for a in agreements:
        by_team_agreements[a.team_id].append(a)

    _signals_and_meetings(ctx, org, teams, people, hr, home, statements, by_team_agreements)
    _activities(ctx, org, teams, people, home)


def _signals_and_meetings(ctx, org, teams, people, hr, home, statements, agreements):
    rng, today, now = ctx.rng, ctx.today, timezone.now()
    personas = ctx.personas if ctx.profile.with_personas else {}
    signals, meetings, meeting_signals, participants, items = [], [], [], [], []
    for team in teams:
        crew = people[team.id]
        leader = (crew[Role.TEAM_LEADER] or [hr])[0]
        staff = crew[Role.SUPERVISOR] + crew[Role.SPECIALIST] + crew[Role.PRACTICE_TRAINER]
        if not staff:
            continue
        count = len(SIGNALS) if team is home else rng.randint(0, 2)
        team_signals = []
        for i, (title, text, cites) in enumerate(SIGNALS[:count]):
            raiser = (personas.get("supervisor") if team is home and i < 2 else None) or rng.choice(
                staff
            )
            resolved = i in (0, 3) if team is home else rng.random() < 0.4
            signal = Signal(
                organisation=org,
                level=SignalLevel.TEAM,
                team=team,
                title=title,
                description=text,
                statement=statements[cites] if cites is not None else None,
                agreement=agreements[team.id][0] if i == 3 else None,
                raised_by=raiser,
                owner=leader,
                status=SignalStatus.RESOLVED if resolved else SignalStatus.OPEN,
                resolution=(
                    "Besproken in het begeleidersoverleg. Vanaf de volgende roosterperiode staat "
                    "er in elke avond- en weekenddienst een ervaren begeleider ingeroosterd, en "
                    "nabespreken is een vast punt in de overdracht."
                    if resolved
                    else ""
                ),
                resolved_at=now - timedelta(days=5) if resolved else None,
            )
            signals.append(signal)
            team_signals.append(signal)
        # Meetings: the last months, with one lapsed rhythm on the home team (no intervision).
        kinds = list(MeetingKind)
        if team is home:
            kinds.remove(MeetingKind.INTERVISION)
        for kind in kinds:
            if team is not home and rng.random() < 0.3:
                continue
            title, agenda, notes, decisions = MEETINGS[kind]
            days_ago = (
                rng.randint(3, 35) if kind != MeetingKind.INTERVISION else rng.randint(20, 90)
            )
            meeting = Meeting(
                organisation=org,
                team=team,
                kind=kind,
                date=today - timedelta(days=days_ago),
                title=title,
                agenda=agenda,
                notes=notes,
                decisions=decisions,
                is_anonymised=kind == MeetingKind.CASE_DISCUSSION,
                created_by=leader,
            )
            meetings.append(meeting)
            people_in = list(dict.fromkeys([leader, *rng.sample(staff, min(len(staff), 4))]))
            participants.append((meeting, people_in))
            if kind == MeetingKind.SUPERVISOR_MEETING:
                for signal in team_signals:
                    if signal.status == SignalStatus.RESOLVED or rng.random() < 0.5:
                        meeting_signals.append((meeting, signal))
                        if signal.status == SignalStatus.OPEN:
                            signal.status = SignalStatus.IN_DISCUSSION
                items.append(
                    (
                        meeting,
                        "Roosterrichtlijn aanpassen: ervaren begeleider in elke avonddienst",
                        leader,
                        today + timedelta(days=10),
                        ActionStatus.OPEN,
                    )
                )
                items.append(
                    (
                        meeting,
                        "Nabespreken na incident toevoegen aan de overdrachtskaart",
                        people_in[-1],
                        today - timedelta(days=2),
                        ActionStatus.DONE,
                    )
                )
            elif kind == MeetingKind.CASE_DISCUSSION:
                items.append(
                    (
                        meeting,
                        "Korte scholing mobilisatie in de eerste 24 uur plannen",
                        people_in[-1],
                        today + timedelta(days=21),
                        ActionStatus.OPEN,
                    )
                )
    for title, text in ORGANISATION_SIGNALS:
        raiser = personas.get("learner") or rng.choice(ctx.of(org, Role.LEARNER))[0]
        signals.append(
            Signal(
                organisation=org,
                level=SignalLevel.ORGANISATION,
                title=title,
                description=text,
                raised_by=raiser,
                owner=hr,
                statement=statements[7] if "rooster" in title else None,
                status=SignalStatus.IN_DISCUSSION if "rooster" in title else SignalStatus.OPEN,
            )
        )
    # One anonymous signal: no raiser; the follow-up code is not kept, only its hash.
    signals.append(
        Signal(
            organisation=org,
            level=SignalLevel.ORGANISATION,
            title="Lerenden worden ingezet als volwaardige formatie",
            description=(
                "Bij onderbezetting draaien lerenden mee als volwaardige collega. Er blijft dan "
                "geen ruimte om te leren en er is niemand om op terug te vallen."
            ),
            statement=statements[7],
            is_anonymous=True,
            follow_up_code_hash=hash_follow_up_code(f"DEMO-{org.slug}-{rng.random()}"),
            owner=hr,
        )
    )
    Signal.objects.bulk_create(signals, batch_size=2000)
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    MP = Meeting.participants.through
    MP.objects.bulk_create(
        [MP(meeting_id=m.pk, person_id=p.pk) for m, people_in in participants for p in people_in],
        batch_size=5000,
    )
    MS = Meeting.signals.through
    MS.objects.bulk_create(
        [MS(meeting_id=m.pk, signal_id=s.pk) for m, s in meeting_signals], batch_size=5000
    )
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                organisation=org,
                meeting=m,
                description=d,
                owner=o,
                due_date=due,
                status=status,
                completed_at=now if status == ActionStatus.DONE else None,
            )
            for m, d, o, due, status in items
        ],
        batch_size=2000,
    )


def _activities(ctx, org, teams, people, home):
    rng, today = ctx.rng, ctx.today
    activities, participants, learners, professions = [], [], [], []
    for team in teams:
        crew = people[team.id]
        nurses = crew[Role.SUPERVISOR] + crew[Role.PRACTICE_TRAINER]
        others = [p for p in crew[Role.SPECIALIST] if p.profession_id]
        if not nurses or not others:
            continue
        for _ in range(4 if team is home else rng.randint(0, 3)):
            kind, title, description, learned = rng.choice(ACTIVITIES)
            group = [rng.choice(nurses), rng.choice(others)]
            if len({p.profession_id for p in group}) < 2:
                continue
            activities.append(
                InterprofessionalActivity(
                    organisation=org,
                    team=team,
                    kind=kind,
                    date=today - timedelta(days=rng.randint(1, 330)),
                    title=title,
                    description=description,
                    learned=learned,
                    created_by=group[0],
                )
            )
            participants.append(group)
            learners.append(crew[Role.LEARNER][:2])
            professions.append({p.profession_id for p in group})
    InterprofessionalActivity.objects.bulk_create(activities, batch_size=2000)
    P = InterprofessionalActivity.participants.through
    L = InterprofessionalActivity.learners.through
    F = InterprofessionalActivity.professions.through
    P.objects.bulk_create(
        [
            P(interprofessionalactivity_id=a.pk, person_id=p.pk)
            for a, group in zip(activities, participants, strict=True)
            for p in group
        ],
        batch_size=5000,
    )
    L.objects.bulk_create(
        [
            L(interprofessionalactivity_id=a.pk, person_id=p.pk)
            for a, group in zip(activities, learners, strict=True)
            for p in group
        ],
        batch_size=5000,
    )
    F.objects.bulk_create(
        [
            F(interprofessionalactivity_id=a.pk, profession_id=pid)
            for a, ids in zip(activities, professions, strict=True)
            for pid in ids
        ],
        batch_size=5000,
    )
