"""Collaboration: the published vision, team agreements, meetings, signals and
interprofessional activities, written as a Dutch hospital would write them."""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from begeleid.collaboration.enums import (
    ActionStatus,
    InterprofessionalKind,
    MeetingKind,
    SignalLevel,
    SignalStatus,
    VisionQuestion,
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
from begeleid.collaboration.services import hash_follow_up_code
from begeleid.organisations.enums import Role

from .organisations import PERSONA_HOME_TEAM

INTRODUCTION = (
    "Wij leiden onze eigen mensen op, op de werkvloer en in de teams. Deze visie beschrijft "
    "hoe wij naar leren en begeleiden kijken. Teams vertalen haar naar teamafspraken; wat op "
    "de werkvloer niet werkt, horen we graag terug via een signaal."
)

STATEMENTS = [
    (
        VisionQuestion.LEARNING,
        "Leren is professionele ontwikkeling, niet alleen kennisoverdracht",
        "Kennis en protocollen zijn de basis, maar het gaat erom dat de lerende leert "
        "redeneren bij deze patiënt, in deze situatie. Begeleiders vragen daarom door: "
        "wat zie je, wat denk je, wat ga je doen en waarom?",
    ),
    (
        VisionQuestion.LEARNING,
        "De lerende is eigenaar van het eigen leerproces",
        "De lerende formuleert leervragen, vraagt zelf om feedback en bereidt "
        "voortgangsgesprekken voor. De begeleider ondersteunt en bewaakt de richting.",
    ),
    (
        VisionQuestion.MISTAKES,
        "Fouten en bijna-fouten zijn een leerbron",
        "Wie een fout maakt of meldt, wordt niet afgestraft. We bespreken fouten binnen "
        "24 uur na, één op één, gericht op wat de lerende ervan leert.",
    ),
    (
        VisionQuestion.MISTAKES,
        "Veiligheid van de patiënt gaat altijd voor",
        "Ruimte om te leren betekent niet dat risico's worden genomen. Bij voorbehouden en "
        "risicovolle handelingen is de begeleider aanwezig tot de lerende bekwaam is verklaard.",
    ),
    (
        VisionQuestion.COMPETENCE,
        "Bekwaam is wie het handelen herhaald laat zien en kan verantwoorden",
        "Een bekwaamverklaring rust op meerdere observaties door verschillende collega's en "
        "op het gesprek waarin de lerende de keuzes onderbouwt.",
    ),
    (
        VisionQuestion.COMPETENCE,
        "Wie begeleidt, beslist niet alleen",
        "De eerste begeleider verzamelt formatieve feedback; een beoordelaar die de lerende "
        "niet dagelijks begeleidt, neemt het summatieve besluit.",
    ),
    (
        VisionQuestion.AUTONOMY,
        "Autonomie groeit per fase en wordt expliciet afgesproken",
        "In de socialisatiefase loopt de lerende mee, in de instructiefase voert zij uit onder "
        "direct toezicht, in de exploratiefase met toezicht op afstand. De overgang wordt "
        "besproken en vastgelegd.",
    ),
    (
        VisionQuestion.AUTONOMY,
        "Zelfstandig werken betekent niet alleen werken",
        "Ook een zelfstandig werkende lerende weet per dienst bij wie zij terecht kan.",
    ),
]

AGREEMENTS = {
    WorkfloorTopic.FIRST_SUPERVISOR: (
        "Elke lerende heeft vanaf dag één een vaste eerste begeleider",
        "De teamleider wijst de eerste begeleider aan vóór de startdatum. Bij afwezigheid "
        "langer dan twee weken wordt een vervanger benoemd en aan de lerende voorgesteld.",
        [0, 7],
    ),
    WorkfloorTopic.GUIDANCE_MOMENTS: (
        "Twee begeleidingsmomenten per week, ingeroosterd",
        "Eerste begeleider en lerende staan minimaal twee diensten per week samen ingeroosterd. "
        "Het roosterteam houdt hier rekening mee bij de vier-weken-planning.",
        [6],
    ),
    WorkfloorTopic.FEEDBACK_RECORDING: (
        "Feedback leggen we dezelfde dienst vast",
        "Na elke begeleide handeling geeft de begeleider mondeling feedback en legt deze nog "
        "dezelfde dienst kort vast in begeleid, met een concreet feedforward-punt.",
        [0, 1],
    ),
    WorkfloorTopic.DEVELOPMENT_REVIEW: (
        "Elke zes weken een voortgangsgesprek",
        "De lerende bereidt het gesprek voor met een korte zelfreflectie. De eerste begeleider "
        "en de praktijkopleider zijn aanwezig; afspraken over de volgende fase worden vastgelegd.",
        [1, 4, 6],
    ),
}

EXTRA_AGREEMENTS = [
    (
        "Fouten bespreken we binnen 24 uur na, één op één",
        "Niet in de overdracht en niet in de groep. De begeleider plant het gesprek, de lerende "
        "schrijft kort op wat zij ervan meeneemt.",
        [2],
    ),
    (
        "Voorbehouden handelingen alleen onder direct toezicht tot de bekwaamverklaring",
        "De begeleider tekent elke keer af in begeleid; na drie goede observaties kan een "
        "beoordeling worden aangevraagd.",
        [3, 4],
    ),
    (
        "Beoordelen doet een collega die niet de eerste begeleider is",
        "De praktijkopleider koppelt een beoordelaar van een ander team of een andere dienst.",
        [5],
    ),
]

SIGNALS = [
    (
        "Geen tijd om na te bespreken na een incident in de avonddienst",
        "Na een incident is er in de avonddienst vaak maar één verpleegkundige met ervaring. "
        "Nabespreken schuift dan naar 'later' en gebeurt uiteindelijk niet.",
        2,
    ),
    (
        "Fouten worden in de overdracht benoemd waar iedereen bij is",
        "Dit past niet bij wat we in de visie afspreken over fouten als leerbron. Lerenden "
        "durven daardoor minder te melden.",
        2,
    ),
    (
        "Feedback vastleggen lukt niet tijdens drukke diensten",
        "Het vastleggen kost tijd op een moment dat die er niet is. Kan het ook aan het eind "
        "van de dienst of met een korte spraaknotitie?",
        None,
    ),
    (
        "Lerende heeft drie verschillende begeleiders in één week",
        "Door ziekte en roosterwijzigingen was de eerste begeleider twee weken niet samen "
        "ingeroosterd met de lerende.",
        None,
    ),
]

ORGANISATION_SIGNALS = [
    (
        "Training coachend begeleiden is maanden vooruit volgeboekt",
        "Nieuwe begeleiders kunnen pas over vier maanden de training volgen, terwijl zij nu al "
        "lerenden begeleiden.",
    ),
    (
        "Begeleidingsuren staan niet in het rooster",
        "De visie zegt dat begeleiden geen extra taak is, maar in de roosters is er geen tijd "
        "voor gereserveerd.",
    ),
]

MEETINGS = {
    MeetingKind.SUPERVISOR_MEETING: (
        "Begeleidersoverleg",
        "1. Voortgang lerenden\n2. Signalen van de werkvloer\n3. Afspraken over feedback",
        "De begeleiders bespraken de voortgang van de lerenden. In de avond- en weekenddiensten "
        "komt nabespreken er nog te vaak niet van.",
        "Nabespreken na een incident wordt een vast punt in de overdracht naar de volgende "
        "dienst; de teamleider past de roosterrichtlijn aan.",
    ),
    MeetingKind.LEARNING_CIRCLE: (
        "Leercirkel: feedback geven die werkt",
        "Oefenen met feedback en feedforward aan de hand van eigen voorbeelden.",
        "Elke deelnemer bracht een feedbackmoment in. We oefenden met het onderscheid tussen "
        "observatie, feedback en feedforward.",
        "We gebruiken voortaan de vraag 'wat doe je de volgende keer anders?' als vast slot.",
    ),
    MeetingKind.CASE_DISCUSSION: (
        "Multidisciplinaire casusbespreking: mobilisatie na heupoperatie",
        "Casus inbrengen, perspectief per discipline, afspraken.",
        "Verpleegkunde, fysiotherapie en de zaalarts bespraken een casus waarin de lerende "
        "twijfelde of de patiënt uit bed mocht.",
        "De fysiotherapeut geeft een korte scholing over mobilisatie in de eerste 24 uur.",
    ),
    MeetingKind.INTERVISION: (
        "Intervisie begeleiders",
        "Incidentmethode.",
        "Een begeleider bracht een situatie in waarin een lerende feedback niet aannam.",
        "",
    ),
}

ACTIVITIES = [
    (
        InterprofessionalKind.WITH,
        "Samen mobiliseren na een heupoperatie",
        "Verpleegkundige lerende en fysiotherapeut mobiliseren samen een patiënt op dag één.",
        "Wanneer de verpleegkundige zelf mag mobiliseren en wanneer de fysiotherapeut "
        "overneemt; hoe je pijnstilling en mobilisatie op elkaar afstemt.",
    ),
    (
        InterprofessionalKind.FROM,
        "Slikscreening met de logopedist",
        "De logopedist laat zien hoe een slikscreening gaat en waar je op let.",
        "Signalen van slikproblemen herkennen en wanneer je de logopedist inschakelt.",
    ),
    (
        InterprofessionalKind.ABOUT,
        "Meeloopdag bij de diëtist",
        "De lerende loopt een ochtend mee met de diëtist van de afdeling.",
        "Wat de diëtist nodig heeft van de verpleegkundige rapportage en hoe een "
        "voedingsadvies tot stand komt.",
    ),
    (
        InterprofessionalKind.WITH,
        "Gezamenlijke ontslagvoorbereiding",
        "Arts-assistent, verpleegkundige en ergotherapeut bereiden samen een ontslag voor.",
        "Elkaars rol in de ontslagplanning en welke informatie wie nodig heeft.",
    ),
]


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
