from tests.authz import Case, everyone

CASES = [
    Case("reports:home", everyone()),
]
