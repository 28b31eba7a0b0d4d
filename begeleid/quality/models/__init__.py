from .budget import Budget
from .calibration import (
    CalibrationCase,
    CalibrationParticipant,
    CalibrationScore,
    CalibrationSession,
)
from .development import SelfAssessment, TrainingRecord
from .reports import ReportJob
from .survey import SurveyParticipation, SurveyResponse, SurveyRound

__all__ = [
    "Budget",
    "CalibrationCase",
    "CalibrationParticipant",
    "CalibrationScore",
    "CalibrationSession",
    "ReportJob",
    "SelfAssessment",
    "SurveyParticipation",
    "SurveyResponse",
    "SurveyRound",
    "TrainingRecord",
]
