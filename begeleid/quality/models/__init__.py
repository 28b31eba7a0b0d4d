from .calibration import (
    CalibrationCase,
    CalibrationParticipant,
    CalibrationScore,
    CalibrationSession,
)

__all__ = [
    "CalibrationCase",
    "CalibrationParticipant",
    "CalibrationScore",
    "CalibrationSession",
]
