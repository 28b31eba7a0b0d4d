from .frameworks import Competence, Framework, tree_order
from .rubrics import Criterion, Descriptor, Rubric, RubricVersion, Scale, ScaleLevel

__all__ = [
    "Competence",
    "Criterion",
    "Descriptor",
    "Framework",
    "Rubric",
    "RubricVersion",
    "Scale",
    "ScaleLevel",
    "tree_order",
]
