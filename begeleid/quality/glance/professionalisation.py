"""Element 7 of the model at a glance: recognised supervisors, calibration recency, the
guidance survey, realised guidance time and the professionalisation budget."""

import datetime

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from begeleid.core.formats import euro
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import active_today_q

from ..enums import SessionStatus
from ..models import CalibrationSession
from ..queries_development import SUPERVISING_ROLES, _recognitions
from .base import (
    CALIBRATION_MONTHS,
    MIN_REALISED_PERCENT,
    Element,
    Finding,
    Scope,
    _date,
    link,
    team_names,
)


def professionalisation(ctx: Scope, e: Element, board):
    supervisors = set(
        Membership.objects.filter(
            active_today_q(), team_id__in=ctx.team_ids, role__in=list(SUPERVISING_ROLES)
        ).values_list("person_id", flat=True)
    )
    recognised = set(_recognitions(supervisors, ctx.today).values_list("person_id", flat=True))
    if recognised:
        e.in_place.append(
            Finding(
                _("%(n)s van %(all)s begeleiders zijn erkend begeleider.")
                % {"n": len(recognised), "all": len(supervisors)}
            )
        )
    if len(supervisors) - len(recognised):
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s begeleider is nog niet erkend.",
                    "%(n)s begeleiders zijn nog niet erkend.",
                    len(supervisors) - len(recognised),
                )
                % {"n": len(supervisors) - len(recognised)}
            )
        )
    last = dict(
        CalibrationSession.objects.filter(ctx.scope, status=SessionStatus.CLOSED)
        .values("team_id")
        .annotate(last=Max("held_on"))
        .values_list("team_id", "last")
    )
    recent = ctx.today - datetime.timedelta(days=365 * CALIBRATION_MONTHS // 12)
    calibrated = [t for t in ctx.teams if last.get(t.pk) and last[t.pk] >= recent]
    uncalibrated = [t for t in ctx.teams if not (last.get(t.pk) and last[t.pk] >= recent)]
    if ctx.team is not None:
        _team_calibration(ctx.team, e, last, calibrated)
    else:
        if calibrated:
            e.in_place.append(
                Finding(
                    ngettext(
                        "%(n)s team hield een kalibratiesessie in de afgelopen 12 maanden.",
                        "%(n)s teams hielden een kalibratiesessie in de afgelopen 12 maanden.",
                        len(calibrated),
                    )
                    % {"n": len(calibrated)},
                    **link("quality:calibration_sessions"),
                )
            )
        if uncalibrated:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(n)s team hield geen kalibratiesessie in de afgelopen 12 maanden "
                        "(%(teams)s).",
                        "%(n)s teams hielden geen kalibratiesessie in de afgelopen 12 maanden "
                        "(%(teams)s).",
                        len(uncalibrated),
                    )
                    % {"n": len(uncalibrated), "teams": team_names(uncalibrated)},
                    **link("quality:calibration_sessions"),
                )
            )
    if board.survey is not None:
        e.in_place.append(
            Finding(
                _("Evaluatie begeleiding: %(n)s reacties in het afgelopen jaar.")
                % {"n": board.survey.response_count},
                **ctx.dashboard,
            )
        )
    if board.survey_open_rounds:
        e.in_place.append(
            Finding(
                ngettext(
                    "Evaluatie begeleiding: %(n)s ronde loopt nog; de uitkomsten verschijnen "
                    "als de ronde gesloten is.",
                    "Evaluatie begeleiding: %(n)s rondes lopen nog; de uitkomsten verschijnen "
                    "als de ronde gesloten is.",
                    board.survey_open_rounds,
                )
                % {"n": board.survey_open_rounds},
                **link("quality:survey_home"),
            )
        )
    elif board.survey is None:
        e.missing.append(
            Finding(
                _("Evaluatie begeleiding: geen gesloten ronde met genoeg reacties om te tonen."),
                **ctx.dashboard,
            )
        )
    if ctx.team is not None:
        _team_time_and_budget(ctx, e, board)
    else:
        _organisation_time_and_budget(ctx, e, board)


def _team_calibration(team, e: Element, last, calibrated):
    if calibrated:
        e.in_place.append(
            Finding(
                _("%(team)s: laatste kalibratiesessie op %(date)s.")
                % {"team": team.name, "date": _date(last[team.pk])},
                **link("quality:calibration_trend", team.uuid, obj=team),
            )
        )
    else:
        e.missing.append(
            Finding(
                _("%(team)s: geen kalibratiesessie in de afgelopen 12 maanden.")
                % {"team": team.name},
                **link("quality:calibration_add", team.uuid, obj=team),
            )
        )


def _team_time_and_budget(ctx: Scope, e: Element, board):
    for row in board.time_rows:
        capacity = link("guidance:team_capacity", row.team.uuid, obj=row.team)
        if not row.reserved_hours:
            e.missing.append(
                Finding(
                    _("%(team)s: geen begeleidingstijd gereserveerd.") % {"team": row.team.name},
                    **capacity,
                )
            )
        elif (row.realised_percent or 0) < MIN_REALISED_PERCENT:
            e.missing.append(
                Finding(
                    _("%(team)s: %(pct)s%% van de gereserveerde begeleidingstijd gerealiseerd.")
                    % {"team": row.team.name, "pct": row.realised_percent},
                    **capacity,
                )
            )
        else:
            e.in_place.append(
                Finding(
                    _("%(team)s: %(pct)s%% van de gereserveerde begeleidingstijd gerealiseerd.")
                    % {"team": row.team.name, "pct": row.realised_percent},
                    **capacity,
                )
            )
    with_budget = {r.team.pk: r for r in board.time_rows if r.budget is not None}
    for t in ctx.teams:
        row = with_budget.get(t.pk)
        if row is None:
            e.missing.append(
                Finding(
                    _("%(team)s: geen scholingsbudget voor %(year)s.")
                    % {"team": t.name, "year": ctx.today.year},
                    **ctx.dashboard,
                )
            )
        elif row.remaining is not None and row.remaining < 0:
            e.missing.append(
                Finding(
                    _("%(team)s: scholingsbudget %(year)s overschreden.")
                    % {"team": t.name, "year": ctx.today.year},
                    **ctx.dashboard,
                )
            )
        else:
            e.in_place.append(
                Finding(
                    _("%(team)s: scholingsbudget %(year)s vastgesteld, %(left)s over.")
                    % {"team": t.name, "year": ctx.today.year, "left": euro(row.remaining)},
                    **ctx.dashboard,
                )
            )


def _organisation_time_and_budget(ctx: Scope, e: Element, board):
    """The teams' guidance time and training budgets, counted; the rows per team are on
    the organisation's dashboard."""
    unreserved, short, realised = [], [], []
    for row in board.time_rows:
        if not row.reserved_hours:
            unreserved.append(row.team)
        elif (row.realised_percent or 0) < MIN_REALISED_PERCENT:
            short.append(row.team)
        else:
            realised.append(row.team)
    if unreserved:
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s team heeft geen begeleidingstijd gereserveerd (%(teams)s).",
                    "%(n)s teams hebben geen begeleidingstijd gereserveerd (%(teams)s).",
                    len(unreserved),
                )
                % {"n": len(unreserved), "teams": team_names(unreserved)},
                **ctx.dashboard,
            )
        )
    if short:
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s team realiseerde minder dan %(pct)s%% van de gereserveerde "
                    "begeleidingstijd (%(teams)s).",
                    "%(n)s teams realiseerden minder dan %(pct)s%% van de gereserveerde "
                    "begeleidingstijd (%(teams)s).",
                    len(short),
                )
                % {"n": len(short), "pct": MIN_REALISED_PERCENT, "teams": team_names(short)},
                **ctx.dashboard,
            )
        )
    if realised:
        e.in_place.append(
            Finding(
                ngettext(
                    "%(n)s team realiseerde minstens %(pct)s%% van de gereserveerde "
                    "begeleidingstijd.",
                    "%(n)s teams realiseerden minstens %(pct)s%% van de gereserveerde "
                    "begeleidingstijd.",
                    len(realised),
                )
                % {"n": len(realised), "pct": MIN_REALISED_PERCENT},
                **ctx.dashboard,
            )
        )
    with_budget = {r.team.pk: r for r in board.time_rows if r.budget is not None}
    over = {pk for pk, r in with_budget.items() if r.remaining is not None and r.remaining < 0}
    without = [t for t in ctx.teams if t.pk not in with_budget]
    within = [t for t in ctx.teams if t.pk in with_budget and t.pk not in over]
    over = [t for t in ctx.teams if t.pk in over]
    year = ctx.today.year
    if without:
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s team heeft geen scholingsbudget voor %(year)s (%(teams)s).",
                    "%(n)s teams hebben geen scholingsbudget voor %(year)s (%(teams)s).",
                    len(without),
                )
                % {"n": len(without), "year": year, "teams": team_names(without)},
                **ctx.dashboard,
            )
        )
    if over:
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s team heeft het scholingsbudget %(year)s overschreden (%(teams)s).",
                    "%(n)s teams hebben het scholingsbudget %(year)s overschreden (%(teams)s).",
                    len(over),
                )
                % {"n": len(over), "year": year, "teams": team_names(over)},
                **ctx.dashboard,
            )
        )
    if within:
        e.in_place.append(
            Finding(
                ngettext(
                    "%(n)s team heeft een scholingsbudget %(year)s binnen het bedrag.",
                    "%(n)s teams hebben een scholingsbudget %(year)s binnen het bedrag.",
                    len(within),
                )
                % {"n": len(within), "year": year},
                **ctx.dashboard,
            )
        )
