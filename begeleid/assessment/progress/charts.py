"""Progress pictures as SVG built on the server, without JavaScript, so the same markup
can go into PDF reports: a trend line per competence, the current profile as a radar (the
assessors' view beside the learner's self-ratings) and a cohort's level distribution.

Every chart has a title and a description (``role="img"``); the pages put a table with the
same figures beside it. Colour is never the only cue: the self-rating line is dashed and
its points are squares.
"""

import math

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .data import AXIS, GRID, SELF_TOP, CohortRow, LearnerProgress, level_text

# The assessors' view and the learner's own (both at least 4.5:1 against white).
ASSESSORS = "#1f5fa8"
SELF = "#b3261e"
SELF_DASH = "7 5"


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


def radar_geometry(axes, size=380, radius=130):
    """Per axis: (axis, axis end, assessors' point, self-rating point); a point is None
    where that value is missing. Each axis runs from 0 in the centre to the top of its own
    scale at the rim, so a binary checklist and the entrustment scale can share a radar."""
    centre = size / 2
    count = len(axes)
    result = []

    def at(angle, share):
        if share is None:
            return None
        return (
            centre + radius * share * math.cos(angle),
            centre + radius * share * math.sin(angle),
        )

    for i, axis in enumerate(axes):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        end = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
        result.append((axis, end, at(angle, axis.share), at(angle, axis.self_share)))
    return result


def _polygon(points, colour, *, filled: bool, dash: str = "none"):
    return format_html(
        '<polygon points="{}" fill="{}" fill-opacity="{}" stroke="{}" stroke-width="2.5" '
        'stroke-dasharray="{}"/>',
        " ".join(f"{_n(px)},{_n(py)}" for px, py in points),
        colour if filled else "none",
        "0.18" if filled else "0",
        colour,
        dash,
    )


def radar_svg(progress: LearnerProgress, chart_id="radar") -> str:
    """The assessors' profile (solid line, filled, round points) and, where the viewer may
    see them, the learner's self-ratings (dashed line, square points)."""
    size, radius = 380, 130
    centre = size / 2
    geometry = radar_geometry(progress.axes, size, radius)
    with_self = any(s is not None for *_rest, s in geometry)
    rings = SELF_TOP if with_self else progress.top
    body = []
    for level in range(1, rings + 1):
        body.append(
            format_html(
                '<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{g}" stroke-width="1"/>',
                c=_n(centre),
                r=_n(radius * level / rings),
                g=GRID,
            )
        )
    for axis, (ax, ay), _point, _self in geometry:
        competence = axis.competence
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
        body.append(_polygon([p for _a, _e, p, _s in geometry], ASSESSORS, filled=True))
        own = [s for *_rest, s in geometry if s is not None]
        # A line only through a complete round: skipping an axis would draw a false shape.
        if len(own) == len(geometry):
            body.append(_polygon(own, SELF, filled=False, dash=SELF_DASH))
    for axis, _end, (px, py), _self in geometry:
        body.append(
            format_html(
                '<circle cx="{}" cy="{}" r="5" fill="{}" data-competence="{}" '
                'data-level="{}"><title>{}: {} / {}</title></circle>',
                _n(px),
                _n(py),
                ASSESSORS,
                axis.competence.code,
                level_text(axis.level),
                axis.competence,
                level_text(axis.level),
                axis.top,
            )
        )
    for axis, _end, _point, own in geometry:
        if own is None:
            continue
        body.append(
            format_html(
                '<rect x="{}" y="{}" width="9" height="9" fill="#fff" stroke="{}" '
                'stroke-width="2.5" data-competence="{}" data-self-level="{}">'
                "<title>{}</title></rect>",
                _n(own[0] - 4.5),
                _n(own[1] - 4.5),
                SELF,
                axis.competence.code,
                axis.self_level,
                _("%(competence)s: eigen inschatting %(level)s / 5")
                % {"competence": axis.competence, "level": axis.self_level},
            )
        )
    if with_self:
        title = _("Huidig profiel: beoordelaars en eigen inschatting")
        desc = _(
            "Radardiagram: per bekwaamheid het niveau van de laatste ondertekende beoordeling "
            "(doorgetrokken lijn, ronde punten) en de laatste eigen inschatting van de lerende "
            "(gestippelde lijn, vierkante punten). Elke as loopt van 0 in het midden tot het "
            "hoogste niveau van de schaal aan de rand. De tabel eronder geeft dezelfde gegevens."
        )
    else:
        title = _("Huidig profiel volgens de beoordelaars")
        desc = _(
            "Radardiagram: per bekwaamheid het niveau van de laatste ondertekende beoordeling, "
            "van 0 in het midden tot het hoogste niveau van de schaal aan de rand. De tabel "
            "eronder geeft dezelfde gegevens."
        )
    return _svg(chart_id, size, size, title, desc, body)


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
