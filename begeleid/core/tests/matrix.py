from tests.authz import Case, public

CASES = [
    Case("core:health", public()),
    Case(
        "core:set_language",
        public(302),
        method="post",
        data=lambda c: {"language": "en", "next": "/"},
    ),
]
