from .decisions import Assessment, AssessmentPolicy, CommitteeView, Score
from .eligibility import SigningRequirement
from .frameworks import Competence, Framework, tree_order
from .performances import PerformanceStatus, ProcedurePerformance
from .register import CompetenceDeclaration
from .rubrics import Criterion, Descriptor, Rubric, RubricVersion, Scale, ScaleLevel

__all__ = [
    "Assessment",
    "AssessmentPolicy",
    "CommitteeView",
    "Competence",
    "CompetenceDeclaration",
    "Criterion",
    "Descriptor",
    "Framework",
    "PerformanceStatus",
    "ProcedurePerformance",
    "Rubric",
    "RubricVersion",
    "Scale",
    "ScaleLevel",
    "Score",
    "SigningRequirement",
    "tree_order",
]
