"""Elements 3 and 4 of the model at a glance: learners per phase and balance; the forms
of guidance held in the recent weeks."""

import datetime
from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from begeleid.guidance.enums import MomentStatus
from begeleid.guidance.models import GuidanceMoment
from begeleid.programmes.enums import GuidanceForm

from .base import (
    RECENT_WEEKS,
    Element,
    Finding,
    Scope,
    _aware,
    link,
    team_names,
)


def phases(ctx: Scope, e: Element, board):
    in_use = [(label, n) for label, n in board.phases if n]
    if in_use:
        e.in_place.append(
            Finding(
                _("Lerenden per fase: %(phases)s.")
                % {"phases": ", ".join(f"{label} {n}" for label, n in in_use)},
                **link("programmes:enrolment_list"),
            )
        )
    else:
        e.missing.append(
            Finding(_("Er zijn geen actieve leertrajecten."), **link("programmes:enrol"))
        )
    balanced = board.active_enrolments - board.balance_breaches
    if board.active_enrolments and balanced:
        e.in_place.append(
            Finding(
                _("%(n)s van %(all)s leertrajecten hebben een evenwichtige mix van begeleiding.")
                % {"n": balanced, "all": board.active_enrolments},
                **link("programmes:enrolment_list"),
            )
        )
    if board.balance_breaches:
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s leertraject is uit balans (een vorm ontbreekt of overheerst).",
                    "%(n)s leertrajecten zijn uit balans (een vorm ontbreekt of overheerst).",
                    board.balance_breaches,
                )
                % {"n": board.balance_breaches},
                **link("programmes:enrolment_list"),
            )
        )


def forms(ctx: Scope, e: Element):
    per_team = defaultdict(dict)
    for team_id, form, n in (
        GuidanceMoment.objects.filter(
            ctx.scope,
            starts_at__gte=_aware(ctx.since),
            starts_at__lt=_aware(ctx.today + datetime.timedelta(days=1)),
        )
        .exclude(status=MomentStatus.CANCELLED)
        .values("team_id", "form")
        .annotate(n=Count("id"))
        .values_list("team_id", "form", "n")
    ):
        per_team[team_id][form] = n
    for form in GuidanceForm:
        total = sum(forms.get(form.value, 0) for forms in per_team.values())
        if total:
            e.in_place.append(
                Finding(
                    _("%(form)s: %(n)s momenten in de afgelopen %(weeks)s weken.")
                    % {"form": form.label, "n": total, "weeks": RECENT_WEEKS},
                    **link("guidance:moment_list"),
                )
            )
    if ctx.team is not None:
        absent = [f.label for f in GuidanceForm if not per_team[ctx.team.pk].get(f.value)]
        if absent:
            e.missing.append(
                Finding(
                    _("%(team)s: geen %(forms)s in de afgelopen %(weeks)s weken.")
                    % {
                        "team": ctx.team.name,
                        "forms": ", ".join(map(str, absent)),
                        "weeks": RECENT_WEEKS,
                    },
                    **link("guidance:moment_plan"),
                )
            )
        return
    # The organisation: per form, the teams that did not hold it (a count and a few names).
    for form in GuidanceForm:
        without = [t for t in ctx.teams if not per_team[t.pk].get(form.value)]
        if without:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(form)s: in %(n)s team niet gehouden in de afgelopen %(weeks)s weken "
                        "(%(teams)s).",
                        "%(form)s: in %(n)s teams niet gehouden in de afgelopen %(weeks)s weken "
                        "(%(teams)s).",
                        len(without),
                    )
                    % {
                        "form": form.label,
                        "n": len(without),
                        "weeks": RECENT_WEEKS,
                        "teams": team_names(without),
                    },
                    **link("guidance:moment_plan"),
                )
            )
