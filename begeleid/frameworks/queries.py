"""Reads of frameworks that the apps above share."""

from .enums import FrameworkStatus
from .models import Competence, tree_order

# The organisation's qualifications for guiding and assessing (assessor training,
# calibration, recognised supervisor) are competences of this framework. They describe
# staff, not what a learner learns, so the learner-facing pickers leave them out.
QUALIFICATIONS_FRAMEWORK = "begeleid-kwalificaties"


def learning_competences(organisation_id):
    """Competences of the organisation's published frameworks a learner can work on."""
    return (
        Competence.objects.filter(
            organisation_id=organisation_id, framework__status=FrameworkStatus.PUBLISHED
        )
        .exclude(framework__identifier=QUALIFICATIONS_FRAMEWORK)
        .select_related("framework")
    )


def grouped_by_framework(competences) -> list:
    """[(framework, [competence, ...])], frameworks by title, items depth first (each with
    ``depth``) — the order of a picker."""
    frameworks: dict = {}
    for competence in competences:
        frameworks.setdefault(competence.framework_id, (competence.framework, []))[1].append(
            competence
        )
    groups = sorted(frameworks.values(), key=lambda g: (g[0].title, g[0].version, g[0].pk))
    return [(framework, tree_order(items)) for framework, items in groups]
