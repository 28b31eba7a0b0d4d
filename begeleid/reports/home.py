"""Which home sections a person sees, by the roles they hold today.

Each section is a template partial; domain issues add what goes in them.
"""

from begeleid.organisations.enums import Role
from begeleid.organisations.queries import roles_of

# (section key, roles that see it), in the order they appear on the page.
SECTIONS = [
    # Notifications and feedback requests addressed to me (formative), for every role.
    ("inbox", set(Role)),
    ("learner", {Role.LEARNER}),
    ("supervisor", {Role.SUPERVISOR, Role.SPECIALIST}),
    ("practice_trainer", {Role.PRACTICE_TRAINER}),
    ("assessor", {Role.ASSESSOR}),
    ("team_leader", {Role.TEAM_LEADER, Role.COORDINATOR}),
    ("organisation", {Role.HR, Role.MANAGER}),
    ("admin", {Role.ADMIN}),
]


def sections_for(user) -> list[str]:
    held = roles_of(user).all
    return [key for key, roles in SECTIONS if held & roles]
