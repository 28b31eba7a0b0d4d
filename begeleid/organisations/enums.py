from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEARNER = "learner", _("lerende")
    SUPERVISOR = "supervisor", _("werkbegeleider")
    SPECIALIST = "specialist", _("vakspecialist")
    PRACTICE_TRAINER = "practice_trainer", _("praktijkopleider")
    ASSESSOR = "assessor", _("beoordelaar")
    TEAM_LEADER = "team_leader", _("teamleider")
    COORDINATOR = "coordinator", _("coördinerend praktijkopleider")
    HR = "hr", _("HR / opleidingsadviseur")
    MANAGER = "manager", _("leidinggevende")
    ADMIN = "admin", _("functioneel beheerder")


# Roles held in the organisation as a whole rather than in one team.
ORGANISATION_ROLES = frozenset({Role.HR, Role.MANAGER, Role.ADMIN})
TEAM_ROLES = frozenset(set(Role) - ORGANISATION_ROLES)


class Level(models.TextChoices):
    WORKFLOOR = "workfloor", _("werkvloer")
    TEAM = "team", _("team")
    ORGANISATION = "organisation", _("organisatie")


ROLE_LEVEL = {
    Role.LEARNER: Level.WORKFLOOR,
    Role.SUPERVISOR: Level.WORKFLOOR,
    Role.SPECIALIST: Level.WORKFLOOR,
    Role.PRACTICE_TRAINER: Level.WORKFLOOR,
    Role.ASSESSOR: Level.TEAM,
    Role.TEAM_LEADER: Level.TEAM,
    Role.COORDINATOR: Level.TEAM,
    Role.HR: Level.ORGANISATION,
    Role.MANAGER: Level.ORGANISATION,
    Role.ADMIN: Level.ORGANISATION,
}
