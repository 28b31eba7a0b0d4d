"""Elements 1 and 2 of the model at a glance: the vision and its team agreements; roles,
first supervisors, the workfloor minimum and the meeting cadence."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from begeleid.collaboration.enums import AgreementStatus, VisionStatus
from begeleid.collaboration.models import TeamAgreement, Vision
from begeleid.collaboration.queries import cadence_status, missing_minimum
from begeleid.organisations.enums import Role
from begeleid.organisations.models import Membership
from begeleid.organisations.queries import active_today_q
from begeleid.programmes.enums import Capacity, EnrolmentStatus
from begeleid.programmes.models import Enrolment, SupervisionAssignment

from .base import (
    Element,
    Finding,
    Scope,
    _date,
    _team_link,
    link,
    team_names,
)


def vision(ctx: Scope, e: Element):
    vision = (
        Vision.objects.filter(organisation=ctx.organisation, status=VisionStatus.PUBLISHED)
        .prefetch_related("statements")
        .first()
    )
    if vision is None:
        e.missing.append(
            Finding(_("Er is geen gepubliceerde visie."), **link("collaboration:vision_versions"))
        )
    else:
        statements = list(vision.statements.all())
        e.in_place.append(
            Finding(
                _(
                    "Visie ‘%(title)s’ (versie %(n)s) gepubliceerd op %(date)s, %(count)s uitgangspunten."
                )
                % {
                    "title": vision.title,
                    "n": vision.number,
                    "date": _date(timezone.localdate(vision.published_at)),
                    "count": len(statements),
                },
                **link("collaboration:vision"),
            )
        )
        covered = set(
            TeamAgreement.statements.through.objects.filter(
                teamagreement__team_id__in=ctx.team_ids,
                teamagreement__status=AgreementStatus.ACTIVE,
                visionstatement__lineage__in=[s.lineage for s in statements],
            ).values_list("visionstatement__lineage", flat=True)
        )
        fix = _team_link(
            "collaboration:team_agreements", ctx.team, "collaboration:agreement_coverage"
        )
        done = [s for s in statements if s.lineage in covered]
        if done:
            e.in_place.append(
                Finding(
                    _("%(done)s van %(all)s uitgangspunten zijn uitgewerkt in teamafspraken.")
                    % {"done": len(done), "all": len(statements)},
                    **fix,
                )
            )
        for s in statements:
            if s.lineage not in covered:
                e.missing.append(
                    Finding(
                        _("Uitgangspunt ‘%(title)s’ staat in geen geldende teamafspraak.")
                        % {"title": s.title},
                        **fix,
                    )
                )
    overdue = list(
        TeamAgreement.objects.filter(
            team_id__in=ctx.team_ids, status=AgreementStatus.ACTIVE, review_date__lt=ctx.today
        )
        .select_related("team")
        .order_by("review_date", "id")
    )
    if ctx.team is not None:
        for agreement in overdue:
            e.missing.append(
                Finding(
                    _(
                        "Teamafspraak ‘%(title)s’ (%(team)s) had op %(date)s geëvalueerd "
                        "moeten worden."
                    )
                    % {
                        "title": agreement.title,
                        "team": agreement.team.name,
                        "date": _date(agreement.review_date),
                    },
                    **link("collaboration:agreement_edit", agreement.uuid, obj=agreement.team),
                )
            )
    elif overdue:
        teams = list({a.team_id: a.team for a in overdue}.values())
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s teamafspraak is voorbij de evaluatiedatum (%(teams)s).",
                    "%(n)s teamafspraken zijn voorbij de evaluatiedatum (%(teams)s).",
                    len(overdue),
                )
                % {"n": len(overdue), "teams": team_names(teams)},
                **link("collaboration:agreement_coverage"),
            )
        )


def roles(ctx: Scope, e: Element):
    led = set(
        Membership.objects.filter(
            active_today_q(),
            team_id__in=ctx.team_ids,
            role__in=[Role.TEAM_LEADER, Role.COORDINATOR],
        ).values_list("team_id", flat=True)
    )
    if led:
        e.in_place.append(
            Finding(
                ngettext(
                    "%(n)s team heeft een teamleider of coördinator.",
                    "%(n)s teams hebben een teamleider of coördinator.",
                    len(led),
                )
                % {"n": len(led)}
            )
        )
    unled = [t for t in ctx.teams if t.pk not in led]
    if ctx.team is not None and unled:
        e.missing.append(
            Finding(
                _("%(team)s heeft geen teamleider of coördinator.") % {"team": ctx.team.name},
                **link("organisations:people"),
            )
        )
    elif unled:
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s team heeft geen teamleider of coördinator (%(teams)s).",
                    "%(n)s teams hebben geen teamleider of coördinator (%(teams)s).",
                    len(unled),
                )
                % {"n": len(unled), "teams": team_names(unled)},
                **link("organisations:people"),
            )
        )
    first = SupervisionAssignment.objects.active(ctx.today).filter(
        enrolment=OuterRef("pk"), capacity=Capacity.FIRST_SUPERVISOR
    )
    row = (
        Enrolment.objects.filter(ctx.scope, status=EnrolmentStatus.ACTIVE)
        .annotate(has_first=Exists(first))
        .aggregate(total=Count("id"), with_first=Count("id", filter=Q(has_first=True)))
    )
    enrolments = link("programmes:enrolment_list")
    if row["with_first"]:
        e.in_place.append(
            Finding(
                _("%(n)s van %(all)s actieve leertrajecten hebben een eerste begeleider.")
                % {"n": row["with_first"], "all": row["total"]},
                **enrolments,
            )
        )
    if row["total"] - row["with_first"]:
        e.missing.append(
            Finding(
                ngettext(
                    "%(n)s actief leertraject heeft geen eerste begeleider.",
                    "%(n)s actieve leertrajecten hebben geen eerste begeleider.",
                    row["total"] - row["with_first"],
                )
                % {"n": row["total"] - row["with_first"]},
                **enrolments,
            )
        )
    gaps = missing_minimum(ctx.team_ids)
    complete = [t for t in ctx.teams if not gaps[t.pk]]
    if complete:
        e.in_place.append(
            Finding(
                ngettext(
                    "%(n)s team heeft de werkvloer-minimumafspraken compleet.",
                    "%(n)s teams hebben de werkvloer-minimumafspraken compleet.",
                    len(complete),
                )
                % {"n": len(complete)}
            )
        )
    if ctx.team is not None and gaps[ctx.team.pk]:
        e.missing.append(
            Finding(
                _("%(team)s: geen afspraak over %(topics)s.")
                % {
                    "team": ctx.team.name,
                    "topics": "; ".join(str(x.label).lower() for x in gaps[ctx.team.pk]),
                },
                **link("collaboration:agreement_add", ctx.team.uuid, obj=ctx.team),
            )
        )
    elif ctx.team is None:
        incomplete = [t for t in ctx.teams if gaps[t.pk]]
        if incomplete:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(n)s team mist een deel van de werkvloer-minimumafspraken (%(teams)s).",
                        "%(n)s teams missen een deel van de werkvloer-minimumafspraken "
                        "(%(teams)s).",
                        len(incomplete),
                    )
                    % {"n": len(incomplete), "teams": team_names(incomplete)},
                    **link("collaboration:agreement_coverage"),
                )
            )
    cadences = cadence_status(ctx.team_ids)
    if ctx.team is not None:
        _team_cadences(e, cadences)
    else:
        _organisation_cadences(e, cadences)


def _team_cadences(e: Element, cadences):
    for c in cadences:
        if c.lapsed:
            e.missing.append(
                Finding(
                    _(
                        "%(team)s: %(kind)s is niet gehouden in het afgesproken ritme van %(weeks)s weken."
                    )
                    % {"team": c.team.name, "kind": c.kind_label, "weeks": c.every_weeks},
                    **link("collaboration:meeting_add", c.team.uuid, obj=c.team),
                )
            )
        else:
            e.in_place.append(
                Finding(
                    _("%(team)s: %(kind)s volgens ritme, laatst op %(date)s.")
                    % {"team": c.team.name, "kind": c.kind_label, "date": _date(c.last_date)},
                    **link("collaboration:meetings"),
                )
            )


def _organisation_cadences(e: Element, cadences):
    """Per kind of meeting: how many teams keep their rhythm, and which do not."""
    kinds = {}
    for c in cadences:
        kinds.setdefault(c.kind, (c.kind_label, [], []))[1 if c.lapsed else 2].append(c.team)
    for label, lapsed, kept in kinds.values():
        if lapsed:
            e.missing.append(
                Finding(
                    ngettext(
                        "%(kind)s: in %(n)s team niet gehouden in het afgesproken ritme "
                        "(%(teams)s).",
                        "%(kind)s: in %(n)s teams niet gehouden in het afgesproken ritme "
                        "(%(teams)s).",
                        len(lapsed),
                    )
                    % {"kind": label, "n": len(lapsed), "teams": team_names(lapsed)},
                    **link("collaboration:meetings"),
                )
            )
        if kept:
            e.in_place.append(
                Finding(
                    ngettext(
                        "%(kind)s: in %(n)s team volgens het afgesproken ritme.",
                        "%(kind)s: in %(n)s teams volgens het afgesproken ritme.",
                        len(kept),
                    )
                    % {"kind": label, "n": len(kept)},
                    **link("collaboration:meetings"),
                )
            )
