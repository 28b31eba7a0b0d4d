from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    """Competence frameworks: the vocabulary both the formative and the assessing half use.

    It sits below ``formative`` and ``assessment`` so feedback, portfolio entries and
    self-assessments can name competences without importing the assessing app
    (docs/decisions.md). The screens to manage frameworks stay in ``assessment``.
    """

    name = "begeleid.frameworks"
    label = "frameworks"
    verbose_name = _("Bekwaamheidskaders")
