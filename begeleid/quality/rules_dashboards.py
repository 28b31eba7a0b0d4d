"""Who may see dashboards, the model at a glance and quality reports.

Team leaders and coordinators: their own teams. HR and managers: the organisation and
every team in it. A report job is only ever served to the person who requested it, and
only while they may still see its team or organisation.
"""

import rules

from begeleid.organisations.rules import same_organisation

from .rules import is_organisation_level, leads_a_team, leads_team

authenticated = rules.is_authenticated
in_org = authenticated & same_organisation


@rules.predicate
def is_requester(user, job):
    return job is not None and job.requested_by_id == user.pk


@rules.predicate
def may_see_job_scope(user, job):
    if job.team_id is None:
        return is_organisation_level(user)
    return is_organisation_level(user) or leads_team(user, job)


rules.add_perm("quality.view_dashboards", authenticated & (leads_a_team | is_organisation_level))
rules.add_perm("quality.view_organisation_dashboard", authenticated & is_organisation_level)
rules.add_perm("quality.view_team_dashboard", in_org & (leads_team | is_organisation_level))
rules.add_perm("quality.view_report_job", in_org & is_requester & may_see_job_scope)
