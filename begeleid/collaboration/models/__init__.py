"""Collaboration models: the vision, team agreements, consultation, signals and
interprofessional learning (elements 1, 2 and 6 of the guidance model)."""

from .agreements import TeamAgreement, TeamCoverage
from .interprofessional import InterprofessionalActivity
from .meetings import ActionItem, Meeting, MeetingCadence
from .signals import Signal
from .vision import Vision, VisionStatement

__all__ = [
    "ActionItem",
    "InterprofessionalActivity",
    "Meeting",
    "MeetingCadence",
    "Signal",
    "TeamAgreement",
    "TeamCoverage",
    "Vision",
    "VisionStatement",
]
