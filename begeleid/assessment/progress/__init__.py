"""Progress pictures: a learner's level per competence over time, the current profile as a
radar beside the learner's own view, and the level distribution of a cohort.

``data`` reads the figures (few queries, whatever the amount of data); ``charts`` draws
them as server-side SVG.
"""

from .charts import cohort_bars_svg, radar_geometry, radar_svg, trend_svg
from .data import (
    SELF_TOP,
    CohortProgress,
    LearnerProgress,
    cohort_progress,
    learner_progress,
    level_text,
    self_ratings_for,
)

__all__ = [
    "SELF_TOP",
    "CohortProgress",
    "LearnerProgress",
    "cohort_bars_svg",
    "cohort_progress",
    "learner_progress",
    "level_text",
    "radar_geometry",
    "radar_svg",
    "self_ratings_for",
    "trend_svg",
]
