"""The scales and forms every organisation starts with, as data (installed by a service).

Texts are Dutch content, not interface strings: they become the organisation's own data.
"""

from .enums import RubricKind, ScaleKind

ENTRUSTMENT = "Toevertrouwen en supervisie (1–5)"
NINE_POINT = "Negenpuntsschaal (drie banden)"
BINARY = "Bekwaam / nog niet bekwaam"

SCALES = [
    {
        "name": ENTRUSTMENT,
        "kind": ScaleKind.ENTRUSTMENT,
        "description": "Hoeveel supervisie de lerende nodig heeft bij deze activiteit.",
        "levels": [
            (1, "Observeert", "Mag aanwezig zijn en kijkt mee; voert niet zelf uit.", ""),
            (2, "Voert uit onder directe supervisie", "Begeleider is in de ruimte.", ""),
            (
                3,
                "Voert uit onder indirecte supervisie",
                "Begeleider is snel bereikbaar en controleert achteraf.",
                "",
            ),
            (4, "Voert zelfstandig uit", "Supervisie op afstand; verantwoordt achteraf.", ""),
            (5, "Superviseert anderen", "Begeleidt en controleert collega's hierin.", ""),
        ],
    },
    {
        "name": NINE_POINT,
        "kind": ScaleKind.NINE_POINT,
        "description": "Negen punten in drie banden: onvoldoende, voldoende, goed.",
        "levels": [
            (value, str(value), "", band)
            for value, band in [
                (1, "onvoldoende"),
                (2, "onvoldoende"),
                (3, "onvoldoende"),
                (4, "voldoende"),
                (5, "voldoende"),
                (6, "voldoende"),
                (7, "goed"),
                (8, "goed"),
                (9, "goed"),
            ]
        ],
    },
    {
        "name": BINARY,
        "kind": ScaleKind.BINARY,
        "description": "Voor handelingen: voldoet wel of niet aan de norm.",
        "levels": [
            (1, "Nog niet bekwaam", "Voldoet nog niet aan de norm.", ""),
            (2, "Bekwaam", "Voldoet aan de norm.", ""),
        ],
    },
]

_BAND_TEXT = {
    "onvoldoende": "Laat dit niet of met grote tekortkomingen zien",
    "voldoende": "Laat dit zien zoals van iemand in deze fase verwacht mag worden",
    "goed": "Laat dit overtuigend en zelfstandig zien, ook in complexe situaties",
}
_ENTRUSTMENT_TEXT = {
    1: "Kijkt mee; herkent de stappen nog niet zelf",
    2: "Voert uit als de begeleider ernaast staat en bijstuurt",
    3: "Voert uit; de begeleider is bereikbaar en controleert achteraf",
    4: "Voert zelfstandig en veilig uit; vraagt hulp op het juiste moment",
    5: "Voert uit en kan anderen hierin begeleiden en controleren",
}

RUBRICS = [
    {
        "name": "Observatieformulier KPB / mini-CEX",
        "kind": RubricKind.OBSERVATION,
        "scale": NINE_POINT,
        "description": "Korte praktijkbeoordeling van één patiëntcontact, direct geobserveerd.",
        "instructions": "Observeer één contact van 10–20 minuten en geef direct mondelinge feedback.",
        "criteria": [
            "Anamnese en gesprek",
            "Observatie en lichamelijk onderzoek",
            "Klinisch redeneren",
            "Communicatie en voorlichting",
            "Professioneel gedrag",
            "Organisatie en efficiëntie",
            "Algemeen oordeel",
        ],
        "descriptor": lambda criterion, level: f"{_BAND_TEXT[level.band]}: {criterion.lower()}.",
    },
    {
        "name": "EPA-toevertrouwingsformulier",
        "kind": RubricKind.ENTRUSTMENT,
        "scale": ENTRUSTMENT,
        "description": "Beslist hoeveel supervisie nodig is voor een toevertrouwbare activiteit.",
        "instructions": "Baseer het oordeel op meerdere observaties en vrijgegeven bewijs.",
        "criteria": [
            "Veiligheid voor de patiënt",
            "Kennis en klinisch redeneren",
            "Handelingsvaardigheid",
            "Samenwerking en overdracht",
            "Betrouwbaarheid: kent de eigen grenzen",
        ],
        "descriptor": lambda criterion, level: (
            f"{_ENTRUSTMENT_TEXT[level.value]} ({criterion.lower()})."
        ),
    },
    {
        "name": "Afvinklijst verpleegtechnische handeling",
        "kind": RubricKind.CHECKLIST,
        "scale": BINARY,
        "description": "Bekwaamheid voor een voorbehouden of risicovolle handeling.",
        "instructions": "Elk onderdeel moet bekwaam zijn voor een bekwaamverklaring.",
        "criteria": [
            "Controleert de opdracht en de identiteit van de patiënt",
            "Informeert de patiënt en vraagt toestemming",
            "Werkt volgens protocol en hygiënerichtlijnen",
            "Voert de handeling technisch juist uit",
            "Observeert, rapporteert en ruimt veilig op",
        ],
        "descriptor": lambda criterion, level: (
            f"Voldoet aan de norm: {criterion.lower()}."
            if level.value == 2
            else f"Voldoet nog niet: {criterion.lower()} gaat niet volgens de norm."
        ),
    },
]
