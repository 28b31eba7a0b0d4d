"""The assessment policy that applies to an enrolment, and its plain-Dutch summary."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import ConsensusRule, DecidingRole, ReviewMode
from .models import AssessmentPolicy


def policy_for(enrolment) -> AssessmentPolicy:
    """The programme's policy; without one, the defaults (an unsaved policy)."""
    programme_id = enrolment.version.programme_id
    policy = AssessmentPolicy.objects.filter(programme_id=programme_id).first()
    return policy or AssessmentPolicy(
        programme_id=programme_id, organisation_id=enrolment.organisation_id
    )


def plain_dutch(policy: AssessmentPolicy) -> list[str]:
    """The policy as sentences a learner reads before asking for an assessment."""
    lines = [
        _("Een %(role)s neemt het besluit of je bekwaam bent.")
        % {"role": DecidingRole(policy.deciding_role).label},
        _("Je eerste begeleider mag ook zelf beslissen.")
        if policy.first_supervisor_may_decide
        else _("Je eerste begeleider beslist niet: wie je begeleidt, beoordeelt je niet."),
    ]
    if policy.min_evidence:
        lines.append(
            ngettext(
                "Je kunt een beoordeling aanvragen als je minstens %(n)s bewijsstuk hebt vrijgegeven.",
                "Je kunt een beoordeling aanvragen als je minstens %(n)s bewijsstukken hebt vrijgegeven.",
                policy.min_evidence,
            )
            % {"n": policy.min_evidence}
        )
    else:
        lines.append(_("Je kunt altijd een beoordeling aanvragen."))
    if policy.review_mode == ReviewMode.SECOND_ASSESSOR:
        rule = (
            _("Zijn ze het niet eens, dan overleggen ze tot ze het eens zijn.")
            if policy.consensus_rule == ConsensusRule.BOTH_AGREE
            else _("Zijn ze het niet eens, dan geldt het strengste oordeel: nog niet bekwaam.")
        )
        lines.append(_("Een tweede beoordelaar bevestigt het besluit.") + " " + rule)
    if policy.review_mode == ReviewMode.COMMITTEE:
        rule = (
            _("Zijn ze het niet eens, dan kan het besluit niet „bekwaam” zijn.")
            if policy.consensus_rule == ConsensusRule.BOTH_AGREE
            else _("Zijn ze het niet eens, dan geldt het strengste oordeel: nog niet bekwaam.")
        )
        lines.append(
            _(
                "Een commissie van %(n)s beoordelaars geeft elk een eigen oordeel; "
                "de voorzitter legt het gezamenlijke besluit vast."
            )
            % {"n": policy.committee_size}
            + " "
            + rule
        )
    if policy.validity_months:
        lines.append(
            ngettext(
                "Een bekwaamverklaring is %(n)s maand geldig; daarna word je opnieuw beoordeeld.",
                "Een bekwaamverklaring is %(n)s maanden geldig; daarna word je opnieuw beoordeeld.",
                policy.validity_months,
            )
            % {"n": policy.validity_months}
        )
    else:
        lines.append(_("Een bekwaamverklaring blijft geldig zolang ze niet wordt ingetrokken."))
    if policy.min_performances and policy.per_months:
        lines.append(
            ngettext(
                "Je voert deze handeling minstens %(n)s keer per maand uit.",
                "Je voert deze handeling minstens %(n)s keer per %(months)s maanden uit.",
                policy.per_months,
            )
            % {"n": policy.min_performances, "months": policy.per_months}
            + " "
            + _(
                "Alleen uitvoeringen die een collega bevestigt onder ‘Mijn verrichtingen’ tellen mee."
            )
        )
    if policy.min_days_between_attempts:
        lines.append(
            ngettext(
                "Tussen twee beoordelingen van dezelfde bekwaamheid zit minstens %(n)s dag.",
                "Tussen twee beoordelingen van dezelfde bekwaamheid zitten minstens %(n)s dagen.",
                policy.min_days_between_attempts,
            )
            % {"n": policy.min_days_between_attempts}
        )
    return lines
