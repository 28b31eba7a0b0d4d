"""Who may do what with frameworks, rubrics, assessments and the competence register."""

import rules

from begeleid.organisations.rules import is_hr, is_org_admin, same_organisation

# Frameworks and rubrics are the organisation's shared reference: every member reads them.
rules.add_perm("assessment.view_frameworks", rules.is_authenticated)
rules.add_perm("assessment.view_framework", rules.is_authenticated & same_organisation)
rules.add_perm("assessment.manage_frameworks", rules.is_authenticated & (is_org_admin | is_hr))
rules.add_perm(
    "assessment.export_framework",
    rules.is_authenticated & (is_org_admin | is_hr) & same_organisation,
)
rules.add_perm("assessment.view_rubrics", rules.is_authenticated)
rules.add_perm("assessment.view_rubric", rules.is_authenticated & same_organisation)
rules.add_perm(
    "assessment.manage_rubric", rules.is_authenticated & (is_org_admin | is_hr) & same_organisation
)
