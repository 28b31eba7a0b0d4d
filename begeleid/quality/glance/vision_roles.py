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
    _team_url,
    _url,
)


def vision(ctx: Scope, e: Element):
    vision = (
        Vision.objects.filter(organisation=ctx.organisation, status=VisionStatus.PUBLISHED)
        .prefetch_related("statements")
        .first()
    )
    if vision is None:
        e.missing.append(
            Finding(_("Er is geen gepubliceerde visie."), _url("collaboration:vision_versions"))
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
                _url("collaboration:vision"),
            )
        )
        covered = set(
            TeamAgreement.statements.through.objects.filter(
                teamagreement__team_id__in=ctx.team_ids,
                teamagreement__status=AgreementStatus.ACTIVE,
                visionstatement__lineage__in=[s.lineage for s in statements],
            ).values_list("visionstatement__lineage", flat=True)
        )
        fix = _team_url(
            "collaboration:team_agreements", ctx.team, "collaboration:agreement_coverage"
        )
        done = [s for s in statements if s.lineage in covered]
        if done:
            e.in_place.append(
                Finding(
                    _("%(done)s van %(all)s uitgangspunten zijn uitgewerkt in teamafspraken.")
                    % {"done": len(done), "all": len(statements)},
                    fix,
                )
            )
        for s in statements:
            if s.lineage not in covered:
                e.missing.append(
                    Finding(
                        _("Uitgangspunt ‘%(title)s’ staat in geen geldende teamafspraak.")
                        % {"title": s.title},
                        fix,
                    )
                )
    overdue = list(
        TeamAgreement.objects.filter(
            team_id__in=ctx.team_ids, status=AgreementStatus.ACTIVE, review_date__lt=ctx.today
        )
        .select_related("team")
        .order_by("review_date", "id")
    )
    for agreement in overdue:
        e.missing.append(
            Finding(
                _("Teamafspraak ‘%(title)s’ (%(team)s) had op %(date)s geëvalueerd moeten worden.")
                % {
                    "title": agreement.title,
                    "team": agreement.team.name,
                    "date": _date(agreement.review_date),
                },
                _url("collaboration:agreement_edit", agreement.uuid),
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
    for t in ctx.teams:
        if t.pk not in led:
            e.missing.append(
                Finding(
                    _("%(team)s heeft geen teamleider of coördinator.") % {"team": t.name},
                    _url("organisations:people"),
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
    enrolments_url = _url("programmes:enrolment_list")
    if row["with_first"]:
        e.in_place.append(
            Finding(
                _("%(n)s van %(all)s actieve leertrajecten hebben een eerste begeleider.")
                % {"n": row["with_first"], "all": row["total"]},
                enrolments_url,
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
                enrolments_url,
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
    for t in ctx.teams:
        if gaps[t.pk]:
            e.missing.append(
                Finding(
                    _("%(team)s: geen afspraak over %(topics)s.")
                    % {
                        "team": t.name,
                        "topics": "; ".join(str(x.label).lower() for x in gaps[t.pk]),
                    },
                    _url("collaboration:agreement_add", t.uuid),
                )
            )
    for c in cadence_status(ctx.team_ids):
        if c.lapsed:
            e.missing.append(
                Finding(
                    _(
                        "%(team)s: %(kind)s is niet gehouden in het afgesproken ritme van %(weeks)s weken."
                    )
                    % {"team": c.team.name, "kind": c.kind_label, "weeks": c.every_weeks},
                    _url("collaboration:meeting_add", c.team.uuid),
                )
            )
        else:
            e.in_place.append(
                Finding(
                    _("%(team)s: %(kind)s volgens ritme, laatst op %(date)s.")
                    % {"team": c.team.name, "kind": c.kind_label, "date": _date(c.last_date)},
                    _url("collaboration:meetings"),
                )
            )
