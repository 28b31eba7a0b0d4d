"""The Dutch content of the collaboration demo: vision, agreements, signals, meetings,
interprofessional activities. Kept apart from the step that writes it."""

from begeleid.collaboration.enums import (
    InterprofessionalKind,
    MeetingKind,
    VisionQuestion,
    WorkfloorTopic,
)

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
