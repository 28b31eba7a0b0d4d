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
    _url,
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
    for t in ctx.teams:
        if last.get(t.pk) and last[t.pk] >= recent:
            e.in_place.append(
                Finding(
                    _("%(team)s: laatste kalibratiesessie op %(date)s.")
                    % {"team": t.name, "date": _date(last[t.pk])},
                    _url("quality:calibration_trend", t.uuid),
                )
            )
        else:
            e.missing.append(
                Finding(
                    _("%(team)s: geen kalibratiesessie in de afgelopen 12 maanden.")
                    % {"team": t.name},
                    _url("quality:calibration_add", t.uuid),
                )
            )
    if board.survey is not None:
        e.in_place.append(
            Finding(
                _("Evaluatie begeleiding: %(n)s reacties in het afgelopen jaar.")
                % {"n": board.survey.response_count},
                ctx.dashboard_url,
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
                _url("quality:survey_home"),
            )
        )
    elif board.survey is None:
        e.missing.append(
            Finding(
                _("Evaluatie begeleiding: geen gesloten ronde met genoeg reacties om te tonen."),
                ctx.dashboard_url,
            )
        )
    for row in board.time_rows:
        capacity = _url("guidance:team_capacity", row.team.uuid)
        if not row.reserved_hours:
            e.missing.append(
                Finding(
                    _("%(team)s: geen begeleidingstijd gereserveerd.") % {"team": row.team.name},
                    capacity,
                )
            )
        elif (row.realised_percent or 0) < MIN_REALISED_PERCENT:
            e.missing.append(
                Finding(
                    _("%(team)s: %(pct)s%% van de gereserveerde begeleidingstijd gerealiseerd.")
                    % {"team": row.team.name, "pct": row.realised_percent},
                    capacity,
                )
            )
        else:
            e.in_place.append(
                Finding(
                    _("%(team)s: %(pct)s%% van de gereserveerde begeleidingstijd gerealiseerd.")
                    % {"team": row.team.name, "pct": row.realised_percent},
                    capacity,
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
                    ctx.dashboard_url,
                )
            )
        elif row.remaining is not None and row.remaining < 0:
            e.missing.append(
                Finding(
                    _("%(team)s: scholingsbudget %(year)s overschreden.")
                    % {"team": t.name, "year": ctx.today.year},
                    ctx.dashboard_url,
                )
            )
        else:
            e.in_place.append(
                Finding(
                    _("%(team)s: scholingsbudget %(year)s vastgesteld, %(left)s over.")
                    % {"team": t.name, "year": ctx.today.year, "left": euro(row.remaining)},
                    ctx.dashboard_url,
                )
            )
