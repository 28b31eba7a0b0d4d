"""Formative records: months of ward feedback, requests, reflections and a portfolio.

Feedback is skewed like real wards (a few learners get a lot, most a little) and
written the way a ward supervisor writes it; ``profile.feedback`` rows per organisation
are bulk-inserted, so size M (250,000) takes well under a few minutes.
"""

import datetime
import struct
import zlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from begeleid.formative.enums import EntryKind, FeedbackKind, NotificationKind
from begeleid.formative.models import (
    Attachment,
    Feedback,
    FeedbackRequest,
    Notification,
    PortfolioEntry,
)
from begeleid.formative.tokens import new_token
from begeleid.programmes.enums import GUIDING_CAPACITIES, EnrolmentStatus
from begeleid.programmes.models import SupervisionAssignment

OBSERVED = [
    "Je hebt de overdracht volgens SBAR gedaan",
    "Je hebt de wondzorg bij de patiënt op kamer {room} zelfstandig uitgevoerd",
    "Je hebt de vitale functies gemeten en de EWS-score correct berekend",
    "Je hebt de patiënt rustig voorbereid op de operatie",
    "Je hebt de infuuspomp ingesteld en de inlooptijd gecontroleerd",
    "Je hebt de familie van de patiënt op kamer {room} goed te woord gestaan",
    "Je hebt de medicatieronde van de ochtend grotendeels zelf gedaan",
    "Je hebt de opname van een nieuwe patiënt volledig afgerond",
    "Je hebt tijdens de visite de vragen van de arts helder beantwoord",
    "Je hebt de mobilisatie na de heupoperatie samen met de fysiotherapeut begeleid",
    "Je hebt de pijnscore uitgevraagd en op tijd actie ondernomen",
    "Je hebt de katheter steriel ingebracht",
    "Je hebt de ontslagvoorlichting aan de patiënt gegeven",
    "Je hebt de rapportage in het dossier volledig en op tijd bijgewerkt",
]
GOOD = [
    "je was duidelijk en rustig",
    "je werkte netjes volgens protocol",
    "de patiënt voelde zich zichtbaar op zijn gemak",
    "je vroeg op het juiste moment om hulp",
    "je hield goed overzicht over je patiënten",
    "je communicatie met het team was sterk",
]
IMPROVE = [
    "let bij de medicatiecontrole op de dubbele check",
    "benoem bij de overdracht ook de openstaande acties",
    "neem iets meer tijd voor de uitleg aan de patiënt",
    "controleer de identiteit van de patiënt vóór elke handeling",
    "plan je werk aan het begin van de dienst wat strakker",
    "schrijf je observaties direct op, niet aan het eind van de dienst",
    "vraag de patiënt vaker wat hij zelf wil",
]
NEXT = [
    "Volgende dienst doe je de medicatieronde zelf, ik kijk mee.",
    "Oefen de SBAR-overdracht nog twee keer met een collega.",
    "Lees het protocol wondzorg nog eens door voor donderdag.",
    "Volgende week neem je een eigen patiëntengroep van drie.",
    "Bespreek deze situatie in het reflectiegesprek van vrijdag.",
    "Loop een dag mee met de wondverpleegkundige.",
]

PERSONA_FEEDBACK = [
    (
        FeedbackKind.FEEDBACK,
        80,
        "Je hebt de overdracht volgens SBAR gedaan; let bij de medicatiecontrole op de dubbele check.",
        "Heldere structuur, je noemde de recente labwaarden.",
        "Dubbele check bij de insuline.",
        "Volgende dienst doe je de medicatieronde zelf, ik kijk mee.",
    ),
    (
        FeedbackKind.OBSERVATION,
        64,
        "Bij de opname van mevrouw De Boer vroeg je goed door naar haar thuissituatie.",
        "",
        "",
        "",
    ),
    (
        FeedbackKind.FEEDFORWARD,
        45,
        "Bij de volgende wondzorg: bereid je materialen voor op de kamer, zodat je niet hoeft weg te lopen.",
        "",
        "",
        "Wondzorg kamer 7 dinsdag samen voorbereiden.",
    ),
    (
        FeedbackKind.COACHING_NOTE,
        30,
        "Gesprek over je planning: je wilt te veel tegelijk. Afgesproken dat je eerst prioriteert met de ABCDE-methode.",
        "",
        "",
        "Prioriteren bespreken in het volgende reflectiegesprek.",
    ),
    (
        FeedbackKind.FEEDBACK,
        12,
        "De mobilisatie na de heupoperatie begeleidde je veilig; je lette goed op de pijnscore.",
        "Je gaf de patiënt de tijd.",
        "Vertel vooraf wat je gaat doen.",
        "",
    ),
    (
        FeedbackKind.OBSERVATION,
        3,
        "Je gaf de ontslagvoorlichting zelfstandig en controleerde of de patiënt het begreep.",
        "",
        "",
        "",
    ),
]


def tiny_pdf(text: str = "begeleid") -> bytes:
    """A valid one-page PDF with a line of text (built by hand, with a correct xref)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def tiny_png(width: int = 16, height: int = 16) -> bytes:
    """A valid small PNG: a teal square."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + b"\x0b\x6e\x69" * width
    raw = zlib.compress(row * height)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _aware(day: datetime.date, rng) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time(rng.randint(7, 21), rng.randint(0, 59)))
    return timezone.make_aware(naive)


def _narrative(rng) -> tuple[str, str, str, str]:
    observed = rng.choice(OBSERVED).format(room=rng.randint(1, 24))
    improve = rng.choice(IMPROVE)
    shape = rng.random()
    if shape < 0.5:
        return f"{observed}; {improve}.", "", "", ""
    if shape < 0.8:
        return f"{observed}. {rng.choice(GOOD).capitalize()}.", "", improve.capitalize() + ".", ""
    return (
        f"{observed}.",
        rng.choice(GOOD).capitalize() + ".",
        improve.capitalize() + ".",
        rng.choice(NEXT),
    )


def generate(ctx):
    for org in ctx.organisations:
        _organisation(ctx, org)


def _organisation(ctx, org):
    rng, now = ctx.rng, timezone.now()
    enrolments = [e for e in ctx.enrolments.get(org.id, []) if e.status != EnrolmentStatus.STOPPED]
    if not enrolments:
        return
    guides = {}
    rows = SupervisionAssignment.objects.filter(
        organisation=org, capacity__in=list(GUIDING_CAPACITIES)
    ).values_list("enrolment_id", "person_id", "profession_id")
    for enrolment_id, person_id, profession_id in rows:
        guides.setdefault(enrolment_id, []).append((person_id, profession_id))
    enrolments = [e for e in enrolments if e.pk in guides]
    persona = ctx.personas.get("learner")
    persona_enrolment = next(
        (e for e in enrolments if persona is not None and e.learner_id == persona.pk), None
    )
    # A few learners get much feedback, most a little (Pareto weights).
    weights = [rng.paretovariate(1.1) for _ in enrolments]
    target = ctx.profile.feedback - (len(PERSONA_FEEDBACK) if persona_enrolment else 0)
    kinds = [k.value for k in FeedbackKind]
    kind_weights = [25, 50, 15, 10]
    picks = rng.choices(enrolments, weights=weights, k=max(0, target))
    batch = []
    for enrolment in picks:
        author, profession = rng.choice(guides[enrolment.pk])
        span = max(1, (ctx.today - enrolment.start_date).days)
        day = ctx.today - timedelta(days=rng.randint(0, span))
        narrative, went_well, to_improve, next_step = _narrative(rng)
        batch.append(
            Feedback(
                organisation_id=org.id,
                enrolment_id=enrolment.pk,
                kind=rng.choices(kinds, kind_weights)[0],
                narrative=narrative,
                went_well=went_well,
                to_improve=to_improve,
                next_step=next_step,
                phase_id=enrolment.current_phase_id,
                author_id=author,
                author_profession_id=profession,
                recorded_at=min(now, _aware(day, rng)),
            )
        )
        if len(batch) >= 5000:
            Feedback.objects.bulk_create(batch)
            batch = []
    Feedback.objects.bulk_create(batch)
    if persona_enrolment is not None:
        _persona(ctx, org, persona_enrolment, guides[persona_enrolment.pk])


def _persona(ctx, org, enrolment, guides):
    rng, now = ctx.rng, timezone.now()
    people = ctx.personas
    supervisor, specialist = people["supervisor"], people["specialist"]
    authors = [supervisor, supervisor, specialist, supervisor, specialist, supervisor]
    feedback = Feedback.objects.bulk_create(
        [
            Feedback(
                organisation=org,
                enrolment=enrolment,
                kind=kind,
                narrative=narrative,
                went_well=good,
                to_improve=improve,
                next_step=step,
                phase_id=enrolment.current_phase_id,
                author=author,
                author_profession_id=author.profession_id,
                recorded_at=now - timedelta(days=days, hours=rng.randint(1, 8)),
            )
            for (kind, days, narrative, good, improve, step), author in zip(
                PERSONA_FEEDBACK, authors, strict=True
            )
        ]
    )
    valid = timedelta(days=14)
    _t, answered_hash = new_token()
    _t, open_hash = new_token()
    requests = FeedbackRequest.objects.bulk_create(
        [
            FeedbackRequest(
                organisation=org,
                enrolment=enrolment,
                question="Hoe ging mijn SBAR-overdracht aan de arts tijdens de avonddienst?",
                recipient=specialist,
                expires_at=now + valid - timedelta(days=3),
            ),
            FeedbackRequest(
                organisation=org,
                enrolment=enrolment,
                question="Wil je iets zeggen over mijn uitleg bij het ontslag van je moeder?",
                recipient_email="j.de.boer@example.org",
                recipient_name="Jan de Boer",
                token_hash=answered_hash,
                expires_at=now + valid - timedelta(days=9),
                answered_at=now - timedelta(days=8),
            ),
            FeedbackRequest(
                organisation=org,
                enrolment=enrolment,
                question="Hoe heb je de samenwerking bij de mobilisatie ervaren?",
                recipient_email="wijkverpleging@example.org",
                recipient_name="Karin Wijkverpleging",
                token_hash=open_hash,
                expires_at=now + valid - timedelta(days=2),
            ),
        ]
    )
    feedback.append(
        Feedback.objects.create(
            organisation=org,
            enrolment=enrolment,
            kind=FeedbackKind.FEEDBACK,
            narrative="Sanne legde rustig uit welke medicijnen mijn moeder thuis moest nemen en "
            "schreef het schema voor ons op. Dat gaf vertrouwen.",
            next_step="Misschien nog vragen of we de thuiszorg al gebeld hadden.",
            phase_id=enrolment.current_phase_id,
            external_name="Jan de Boer",
            external_profession="mantelzorger",
            request=requests[1],
            recorded_at=now - timedelta(days=8),
        )
    )
    learner = enrolment.learner
    entries = PortfolioEntry.objects.bulk_create(
        [
            PortfolioEntry(
                organisation=org,
                enrolment=enrolment,
                kind=EntryKind.REFLECTION,
                title="Mijn eerste weken op de afdeling",
                prompt="Wat viel je op aan de werkwijze en de afspraken van het team?",
                text="De overdracht gaat hier snel. Ik merk dat SBAR me helpt om niets te "
                "vergeten, maar ik wil de openstaande acties beter benoemen.",
                author=learner,
                recorded_at=now - timedelta(days=70),
            ),
            PortfolioEntry(
                organisation=org,
                enrolment=enrolment,
                kind=EntryKind.SELF_ASSESSMENT,
                title="Zelfbeoordeling medicatieronde",
                prompt="Welke handeling heb je geoefend, en wat lukte al goed?",
                text="Ik doe de medicatieronde onder direct toezicht; de dubbele check bij "
                "risicovolle medicatie vergeet ik soms nog.",
                self_rating=2,
                phase_id=enrolment.current_phase_id,
                author=learner,
                recorded_at=now - timedelta(days=20),
            ),
            PortfolioEntry(
                organisation=org,
                enrolment=enrolment,
                kind=EntryKind.CERTIFICATE,
                title="Certificaat basale reanimatie",
                text="Behaald in de scholingsweek.",
                phase_id=enrolment.current_phase_id,
                author=learner,
                recorded_at=now - timedelta(days=40),
            ),
            PortfolioEntry(
                organisation=org,
                enrolment=enrolment,
                kind=EntryKind.EVIDENCE,
                title="Foto van mijn wondzorgplan",
                text="Het wondzorgplan dat ik samen met de wondverpleegkundige maakte.",
                phase_id=enrolment.current_phase_id,
                author=learner,
                recorded_at=now - timedelta(days=10),
            ),
        ]
    )
    files = [
        (entries[2], "certificaat-reanimatie.pdf", "application/pdf", tiny_pdf("BLS 2026")),
        (entries[3], "wondzorgplan.png", "image/png", tiny_png()),
    ]
    attachments = []
    for entry, name, content_type, content in files:
        attachment = Attachment(
            organisation=org,
            entry=entry,
            original_name=name,
            content_type=content_type,
            size=len(content),
        )
        attachment.file.save(name, ContentFile(content), save=False)
        attachments.append(attachment)
    Attachment.objects.bulk_create(attachments)
    Notification.objects.bulk_create(
        [
            Notification(
                organisation=org,
                recipient=learner,
                kind=NotificationKind.NEW_FEEDBACK,
                title=f"Nieuwe feedback van {supervisor.full_name}",
                body=feedback[-2].narrative[:300],
                url=f"/formative/feedback/{feedback[-2].uuid}/",
                emailed_at=now,
            ),
            Notification(
                organisation=org,
                recipient=specialist,
                kind=NotificationKind.NEW_REQUEST,
                title=f"{learner.full_name} vraagt je om feedback",
                body=requests[0].question,
                url=f"/formative/requests/{requests[0].uuid}/respond/",
                emailed_at=now,
            ),
        ]
    )
