"""Progress pictures: a learner's level per competence over time, the current profile as a
radar, and the level distribution of a cohort. Charts are SVG built here, on the server,
without JavaScript, so the same markup can go into PDF reports.

The level of one signed assessment is the mean of the scale values of its rubric scores.
Only signed decisions count, and a decision replaced by a signed correction does not.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Avg, Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from begeleid.programmes.enums import EnrolmentStatus
from begeleid.programmes.models import Enrolment

from .models import Assessment, Competence, ScaleLevel, Score

# Line colours with at least 4.5:1 contrast against white (WCAG 1.4.11 asks 3:1).
PALETTE = (
    "#1f5fa8",
    "#b3261e",
    "#2e6b30",
    "#6a3d9a",
    "#8a4b00",
    "#00695c",
    "#ad1457",
    "#37474f",
)
AXIS = "#595959"
GRID = "#d0d0d0"
CURRENT_ENROLMENT_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.PAUSED)


def _counting():
    """Signed decisions that still stand (not replaced by a signed correction)."""
    return Assessment.objects.filter(signed_at__isnull=False, superseded_by__signed_at__isnull=True)


def _mean_score():
    return Subquery(
        Score.objects.filter(assessment_id=OuterRef("pk"))
        .values("assessment_id")
        .annotate(mean=Avg("level__value"))
        .values("mean")
    )


def _scale_top():
    return Subquery(
        ScaleLevel.objects.filter(scale_id=OuterRef("rubric_version__scale_id"))
        .order_by("-value")
        .values("value")[:1]
    )


def level_value(mean) -> float | None:
    """A level as shown and drawn: the mean score, two decimals at most."""
    return None if mean is None else round(float(mean), 2)


def level_text(value) -> str:
    return "" if value is None else f"{value:g}"


@dataclass
class Point:
    on: object  # date of the decision
    level: float


@dataclass
class Series:
    competence: object
    colour: str
    points: list = field(default_factory=list)

    @property
    def latest(self):
        return self.points[-1] if self.points else None


@dataclass
class LearnerProgress:
    series: list  # Series per competence, framework order
    top: int  # highest value of the scales used (at least 1)

    @property
    def profile(self):
        """(competence, latest level) per competence: the radar's points."""
        return [(s.competence, s.latest.level) for s in self.series if s.latest]

    @property
    def dates(self):
        return sorted({p.on for s in self.series for p in s.points})


def learner_progress(enrolment) -> LearnerProgress:
    """One query: every standing signed decision of the enrolment with its mean level."""
    rows = (
        _counting()
        .filter(enrolment=enrolment)
        .annotate(
            mean=_mean_score(),
            top=_scale_top(),
            on=Coalesce("decided_at", "signed_at"),
        )
        .select_related("competence")
        .order_by("competence__sequence", "competence__code", "competence_id", "on", "id")
    )
    series: dict[int, Series] = {}
    top = 1
    for row in rows:
        if row.mean is None:
            continue
        top = max(top, row.top or 1, math.ceil(row.mean))
        entry = series.get(row.competence_id)
        if entry is None:
            colour = PALETTE[len(series) % len(PALETTE)]
            entry = series[row.competence_id] = Series(row.competence, colour)
        entry.points.append(Point(row.on, level_value(row.mean)))
    return LearnerProgress(list(series.values()), top)


@dataclass
class CohortRow:
    competence: object
    counts: list  # number of learners per level, levels 1..top
    total: int
    unassessed: int = 0  # current learners without a signed level on this competence

    @property
    def bars(self):
        return list(zip(range(1, len(self.counts) + 1), self.counts, strict=True))


@dataclass
class CohortProgress:
    rows: list
    top: int
    learners: int  # current enrolments in scope


def cohort_enrolments(programme, team_ids):
    return Enrolment.objects.filter(
        organisation_id=programme.organisation_id,
        version__programme=programme,
        team_id__in=list(team_ids),
        status__in=CURRENT_ENROLMENT_STATUSES,
    )


def cohort_progress(programme, team_ids) -> CohortProgress:
    """Per competence, how many learners stand at each (rounded) level. Counted in the
    database: three queries, whatever the number of learners."""
    enrolments = cohort_enrolments(programme, team_ids)
    latest = (
        _counting()
        .filter(enrolment_id=OuterRef("enrolment_id"), competence_id=OuterRef("competence_id"))
        .order_by("-signed_at", "-id")
        .values("pk")[:1]
    )
    standing = (
        _counting()
        .filter(enrolment__in=enrolments, pk=Subquery(latest))
        .annotate(level=Cast(Round(_mean_score()), IntegerField()), top=_scale_top())
        .filter(level__isnull=False)
    )
    counted = list(
        standing.values("competence_id", "level")
        .annotate(n=Count("id"), scale_top=Max("top"))
        .order_by()
    )
    top = max([1] + [r["level"] for r in counted] + [r["scale_top"] or 1 for r in counted])
    competences = Competence.objects.filter(pk__in={r["competence_id"] for r in counted}).order_by(
        "sequence", "code", "id"
    )
    learners = enrolments.aggregate(n=Count("learner_id", distinct=True))["n"]
    rows = []
    for competence in competences:
        counts = [0] * top
        for r in counted:
            if r["competence_id"] == competence.pk and r["level"] >= 1:
                counts[r["level"] - 1] += r["n"]
        rows.append(CohortRow(competence, counts, sum(counts), max(learners - sum(counts), 0)))
    return CohortProgress(rows, top, learners)


# --- SVG ---------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.1f}"


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list) -> str:
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{t}</title><desc id="{id}-desc">{d}</desc>',
        w=width,
        h=height,
        id=chart_id,
        t=title,
        d=desc,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every part is escaped


def _text(x, y, text, anchor="middle", size=12, colour=AXIS):
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}">{}</text>',
        _n(x),
        _n(y),
        anchor,
        size,
        colour,
        text,
    )


def trend_svg(progress: LearnerProgress, chart_id="trend") -> str:
    width, height = 640, 300
    left, right, top_m, bottom = 48, 20, 28, 44
    plot_w, plot_h = width - left - right, height - top_m - bottom
    dates = progress.dates
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    span = (last - first).total_seconds() if dates else 0

    def x(on):
        if not span:
            return left + plot_w / 2
        return left + plot_w * (on - first).total_seconds() / span

    def y(level):
        return top_m + plot_h * (1 - level / progress.top)

    body = []
    for level in range(0, progress.top + 1):
        body.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                left,
                _n(y(level)),
                left + plot_w,
                _n(y(level)),
                AXIS if level == 0 else GRID,
            )
        )
        body.append(_text(left - 8, y(level) + 4, level, anchor="end"))
    if dates:
        body.append(_text(left, height - 20, date_format(first, "j M Y"), anchor="start"))
        if span:
            body.append(_text(left + plot_w, height - 20, date_format(last, "j M Y"), "end"))
    body.append(_text(left + plot_w / 2, height - 4, _("Datum van het besluit")))
    body.append(_text(4, 14, _("Niveau"), anchor="start", size=11))
    for series in progress.series:
        coords = " ".join(f"{_n(x(p.on))},{_n(y(p.level))}" for p in series.points)
        body.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                coords,
                series.colour,
            )
        )
        for p in series.points:
            body.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4.5" fill="{}"><title>{}: {} ({})</title></circle>',
                    _n(x(p.on)),
                    _n(y(p.level)),
                    series.colour,
                    series.competence,
                    level_text(p.level),
                    date_format(p.on, "j M Y"),
                )
            )
    return _svg(
        chart_id,
        width,
        height,
        _("Niveau per bekwaamheid in de tijd"),
        _(
            "Lijndiagram: per bekwaamheid het niveau van elke ondertekende beoordeling, "
            "van 0 tot %(top)s. De tabel eronder geeft dezelfde gegevens."
        )
        % {"top": progress.top},
        body,
    )


def radar_geometry(profile, top, size=380, radius=130):
    """Axis ends and point coordinates: (competence, level, axis_xy, point_xy) per axis."""
    centre = size / 2
    count = len(profile)
    result = []
    for i, (competence, level) in enumerate(profile):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        axis = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
        share = level / top
        point = (
            centre + radius * share * math.cos(angle),
            centre + radius * share * math.sin(angle),
        )
        result.append((competence, level, axis, point))
    return result


def radar_svg(progress: LearnerProgress, chart_id="radar") -> str:
    size, radius = 380, 130
    centre = size / 2
    geometry = radar_geometry(progress.profile, progress.top, size, radius)
    body = []
    for level in range(1, progress.top + 1):
        body.append(
            format_html(
                '<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{g}" stroke-width="1"/>',
                c=_n(centre),
                r=_n(radius * level / progress.top),
                g=GRID,
            )
        )
    for competence, _level, (ax, ay), _point in geometry:
        body.append(
            format_html(
                '<line x1="{c}" y1="{c}" x2="{}" y2="{}" stroke="{a}" stroke-width="1"/>',
                _n(ax),
                _n(ay),
                c=_n(centre),
                a=AXIS,
            )
        )
        lx = centre + (ax - centre) * 1.22
        ly = centre + (ay - centre) * 1.18 + 4
        anchor = "middle" if abs(lx - centre) < 8 else ("start" if lx > centre else "end")
        body.append(_text(lx, ly, competence.code or str(competence)[:12], anchor=anchor))
    if len(geometry) >= 3:
        body.append(
            format_html(
                '<polygon points="{}" fill="#1f5fa8" fill-opacity="0.18" stroke="#1f5fa8" '
                'stroke-width="2.5"/>',
                " ".join(f"{_n(px)},{_n(py)}" for *_rest, (px, py) in geometry),
            )
        )
    for competence, level, _axis, (px, py) in geometry:
        body.append(
            format_html(
                '<circle cx="{}" cy="{}" r="5" fill="#1f5fa8" data-competence="{}" '
                'data-level="{}"><title>{}: {}</title></circle>',
                _n(px),
                _n(py),
                competence.code,
                level_text(level),
                competence,
                level_text(level),
            )
        )
    return _svg(
        chart_id,
        size,
        size,
        _("Huidig profiel volgens de beoordelaars"),
        _(
            "Radardiagram: per bekwaamheid het niveau van de laatste ondertekende beoordeling, "
            "van 0 in het midden tot %(top)s aan de rand. De tabel eronder geeft dezelfde gegevens."
        )
        % {"top": progress.top},
        body,
    )


def cohort_bars_svg(row: CohortRow, top: int, chart_id: str) -> str:
    width, height = 260, 150
    left, right, top_m, bottom = 28, 8, 12, 30
    plot_w, plot_h = width - left - right, height - top_m - bottom
    highest = max(row.counts) or 1
    slot = plot_w / top
    body = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            left,
            top_m + plot_h,
            left + plot_w,
            top_m + plot_h,
            AXIS,
        ),
        _text(left - 6, top_m + 10, highest, anchor="end", size=11),
        _text(left - 6, top_m + plot_h, 0, anchor="end", size=11),
    ]
    for level, count in row.bars:
        bar_h = plot_h * count / highest
        bx = left + slot * (level - 1) + slot * 0.15
        body.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#1f5fa8">'
                "<title>{}</title></rect>",
                _n(bx),
                _n(top_m + plot_h - bar_h),
                _n(slot * 0.7),
                _n(bar_h),
                _("Niveau %(level)s: %(count)s lerenden") % {"level": level, "count": count},
            )
        )
        body.append(_text(bx + slot * 0.35, height - 12, level, size=11))
    return _svg(
        chart_id,
        width,
        height,
        _("Verdeling van niveaus: %(competence)s") % {"competence": row.competence},
        _("Staafdiagram: aantal lerenden per niveau, 1 tot %(top)s.") % {"top": top},
        body,
    )


__all__ = [
    "CohortProgress",
    "LearnerProgress",
    "cohort_bars_svg",
    "cohort_progress",
    "learner_progress",
    "radar_geometry",
    "radar_svg",
    "trend_svg",
]
