"""The quality-cycle report (plan – do – check – act) as PDF and CSV, and the printable
'ons begeleidingsmodel', drawn with reportlab (charts with reportlab.graphics)."""

import csv
import io
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from begeleid.collaboration.enums import VisionStatus
from begeleid.collaboration.models import Vision
from begeleid.core.formats import euro

from .dashboards import build_dashboard
from .glance import build_glance
from .numbers import compact, number

BRAND = colors.HexColor("#0f6b66")
SOFT = colors.HexColor("#5b6573")
WIDTH = A4[0] - 36 * mm


def _styles():
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], textColor=BRAND, fontSize=20),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], textColor=BRAND, spaceBefore=10),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], spaceBefore=6),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontSize=9.5, leading=13),
        "muted": ParagraphStyle("m", parent=base["BodyText"], fontSize=8.5, textColor=SOFT),
    }


def _p(text, style):
    return Paragraph(escape(str(text)), style)


def _scope(job):
    return job.team.name if job.team else job.organisation.name


def _period(job):
    return f"{date_format(job.period_start, 'j F Y')} – {date_format(job.period_end, 'j F Y')}"


def _hbar(title, rows, decimals=0):
    """A horizontal bar chart drawing; the same figures are printed in a table next to it."""
    rows = list(rows) or [("—", 0)]
    height = 24 + 18 * len(rows)
    d = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 8
    chart.width, chart.height = WIDTH - 170, height - 24
    chart.data = [[float(v or 0) for _label, v in rows][::-1]]
    chart.categoryAxis.categoryNames = [str(label)[:28] for label, _v in rows][::-1]
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = compact
    chart.bars[0].fillColor = BRAND
    chart.barLabelFormat = lambda v: number(v, decimals)
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    d.add(chart)
    d.add(String(0, height - 10, title, fontSize=9, fillColor=SOFT))
    return d


def _vbar(title, rows):
    rows = list(rows) or [("—", 0)]
    d = Drawing(WIDTH, 150)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 28
    chart.width, chart.height = WIDTH - 40, 100
    chart.data = [[float(v or 0) for _label, v in rows]]
    chart.categoryAxis.categoryNames = [str(label) for label, _v in rows]
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = compact
    chart.bars[0].fillColor = BRAND
    d.add(chart)
    d.add(String(0, 140, title, fontSize=9, fillColor=SOFT))
    return d


def _table(rows, widths=None):
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, BRAND),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f5f5")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _footer(title):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(SOFT)
        canvas.drawString(18 * mm, 10 * mm, title)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    return draw


def _build(story, title):
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="begeleid",
    )
    doc.build(story, onFirstPage=_footer(title), onLaterPages=_footer(title))
    return buffer.getvalue()


def _figures(board):
    """The check figures as (section, indicator, value) rows: the CSV and the PDF tables."""
    r = board.retention
    na = _("n.v.t.")
    rows = [
        (_("Do"), _("Actieve lerenden"), board.learner_count),
        *[
            (_("Do"), _("Lerenden in fase %(phase)s") % {"phase": label}, n)
            for label, n in board.phases
        ],
        (_("Do"), _("Feedback vastgelegd (laatste 12 weken)"), board.feedback_total),
        (
            _("Check"),
            _("Reactietijd feedbackverzoek, mediaan (uur)"),
            board.median_turnaround_hours if board.median_turnaround_hours is not None else na,
        ),
        (_("Check"), _("Openstaande feedbackverzoeken"), board.open_requests),
        (
            _("Check"),
            _("Tijd tot bekwaam, mediaan (dagen)"),
            board.median_days_to_competence if board.median_days_to_competence is not None else na,
        ),
        (_("Check"), _("Leertrajecten uit balans"), board.balance_breaches),
        (_("Check"), _("Lerenden boven de belastingsgrens"), board.load_breaches),
        (
            _("Check"),
            _("Laatste kalibratie, alfa"),
            number(board.latest_alpha, 3) if board.latest_alpha is not None else na,
        ),
        (
            _("Check"),
            _("Evaluatie begeleiding, reacties"),
            board.survey.response_count if board.survey else _("te weinig reacties"),
        ),
        (_("Plan"), _("Gereserveerde begeleidingstijd (uur)"), board.reserved_hours),
        (_("Check"), _("Gerealiseerde begeleidingstijd (uur)"), board.realised_hours),
        (
            _("Plan"),
            _("Scholingsbudget (euro)"),
            number(board.budget_total, 2) if board.budget_total is not None else na,
        ),
        (_("Check"), _("Besteed aan scholing (euro)"), number(board.spent_total, 2)),
        (_("Check"), _("Instroom in de periode"), r.intake),
        (_("Check"), _("Afgerond"), r.completed),
        (_("Check"), _("Gestopt"), r.stopped),
        (_("Check"), _("Na afronding nog in dienst"), r.still_employed),
    ]
    if board.survey:
        rows += [(_("Check"), str(item.label), number(mean, 1)) for item, mean in board.survey.rows]
    return [(section, indicator, number(value)) for section, indicator, value in rows]


def quality_cycle_csv(job) -> bytes:
    with translation.override("nl"):
        board = build_dashboard(
            organisation=job.organisation, team=job.team, start=job.period_start, end=job.period_end
        )
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(
            [_("Scope"), _("Van"), _("Tot en met"), _("Fase"), _("Indicator"), _("Waarde")]
        )
        for section, indicator, value in _figures(board):
            writer.writerow(
                [
                    _scope(job),
                    job.period_start.isoformat(),
                    job.period_end.isoformat(),
                    section,
                    indicator,
                    value,
                ]
            )
        return out.getvalue().encode("utf-8-sig")


def _findings(glance, which, style):
    items = []
    for e in glance.elements:
        for f in getattr(e, which):
            items.append(ListItem(_p(f"{e.number}. {e.title}: {f.text}", style), leftIndent=10))
    if not items:
        return _p(_("Niets."), style)
    return ListFlowable(items, bulletType="bullet", start="•", leftIndent=10)


def quality_cycle_pdf(job, progress=lambda p: None) -> bytes:
    with translation.override("nl"):
        s = _styles()
        board = build_dashboard(
            organisation=job.organisation, team=job.team, start=job.period_start, end=job.period_end
        )
        progress(35)
        glance = build_glance(organisation=job.organisation, team=job.team)
        progress(60)
        title = _("Kwaliteitscyclus %(scope)s") % {"scope": _scope(job)}
        story = [
            _p(title, s["title"]),
            _p(
                _("Periode: %(period)s. Gemaakt op %(day)s.")
                % {"period": _period(job), "day": date_format(timezone.localdate(), "j F Y")},
                s["muted"],
            ),
            _p(_("Plan"), s["h2"]),
            _p(
                _("Wat we ons voornamen: visie en teamafspraken, gereserveerde tijd en budget."),
                s["body"],
            ),
            _findings(
                type(glance)(glance.organisation, glance.team, glance.today, glance.elements[:2]),
                "in_place",
                s["body"],
            ),
            Spacer(1, 4),
            _table(
                [
                    [
                        _("Team"),
                        _("Gereserveerd (uur)"),
                        _("Gerealiseerd (uur)"),
                        _("Budget"),
                        _("Besteed"),
                    ]
                ]
                + [
                    [
                        r.team.name,
                        number(r.reserved_hours),
                        number(r.realised_hours),
                        "—" if r.budget is None else euro(r.budget),
                        euro(r.spent),
                    ]
                    for r in board.time_rows
                ]
            ),
            _p(_("Do"), s["h2"]),
            _p(_("Wat er gebeurde: lerenden per fase en feedback per week."), s["body"]),
            _hbar(_("Lerenden per fase"), board.phases),
            _vbar(
                _("Feedback per week (laatste 12 weken)"),
                [(m.strftime("%d-%m"), n) for m, n in board.feedback_weeks],
            ),
            _p(_("Check"), s["h2"]),
            _table(
                [[_("Fase"), _("Indicator"), _("Waarde")]] + [list(row) for row in _figures(board)],
                [20 * mm, 110 * mm, 40 * mm],
            ),
        ]
        if board.time_rows:
            story.append(
                KeepTogether(
                    [
                        _hbar(
                            _("Gerealiseerde begeleidingstijd per team (uur)"),
                            [(r.team.name, r.realised_hours) for r in board.time_rows],
                            1,
                        )
                    ]
                )
            )
        if board.sessions:
            story.append(
                _hbar(
                    _("Overeenstemming laatste kalibratiesessies (alfa)"),
                    [(f"{x.held_on:%d-%m-%Y} {x.team.name}", a or 0) for x, a in board.sessions],
                    2,
                )
            )
        progress(80)
        story += [
            _p(_("Act"), s["h2"]),
            _p(
                _("Wat we nu oppakken: wat volgens de gegevens ontbreekt of verouderd is."),
                s["body"],
            ),
            _findings(glance, "missing", s["body"]),
        ]
        return _build(story, title)


def model_pdf(job, progress=lambda p: None) -> bytes:
    with translation.override("nl"):
        s = _styles()
        glance = build_glance(organisation=job.organisation, team=job.team)
        progress(50)
        vision = (
            Vision.objects.filter(organisation=job.organisation, status=VisionStatus.PUBLISHED)
            .prefetch_related("statements")
            .first()
        )
        title = _("Ons begeleidingsmodel · %(scope)s") % {"scope": _scope(job)}
        story = [
            _p(title, s["title"]),
            _p(
                _("De zeven elementen van het model zoals ze er bij ons voor staan op %(day)s.")
                % {"day": date_format(glance.today, "j F Y")},
                s["muted"],
            ),
        ]
        if vision is not None:
            story.append(_p(_("Onze visie: %(title)s") % {"title": vision.title}, s["h2"]))
            if vision.introduction:
                story.append(_p(vision.introduction, s["body"]))
            story.append(
                ListFlowable(
                    [
                        ListItem(_p(f"{st.title}. {st.text}", s["body"]), leftIndent=10)
                        for st in vision.statements.all()
                    ],
                    bulletType="bullet",
                    start="•",
                    leftIndent=10,
                )
            )
        for e in glance.elements:
            block = [
                _p(f"{e.number}. {e.title}", s["h2"]),
                _p(e.summary, s["muted"]),
                _p(_("Op orde"), s["h3"]),
            ]
            block.append(
                ListFlowable(
                    [ListItem(_p(f.text, s["body"]), leftIndent=10) for f in e.in_place],
                    bulletType="bullet",
                    start="•",
                    leftIndent=10,
                )
                if e.in_place
                else _p(_("Nog niets."), s["body"])
            )
            block.append(_p(_("Ontbreekt of verouderd"), s["h3"]))
            block.append(
                ListFlowable(
                    [ListItem(_p(f.text, s["body"]), leftIndent=10) for f in e.missing],
                    bulletType="bullet",
                    start="•",
                    leftIndent=10,
                )
                if e.missing
                else _p(_("Niets."), s["body"])
            )
            story.append(KeepTogether(block[:4]))
            story.extend(block[4:])
        progress(80)
        return _build(story, title)
