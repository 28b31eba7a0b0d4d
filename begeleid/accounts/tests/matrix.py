from tests.authz import Case, everyone, public

CASES = [
    # A logged-in person visiting the login page is sent home.
    Case("accounts:login", public(302, anonymous=200)),
    Case(
        "accounts:login",
        public(302, anonymous=200),
        method="post",
        data=lambda c: {"username": "x@y.nl", "password": "wrong"},
        note="wrong password",
    ),
    Case("accounts:logout", public(302), method="post"),
    Case("accounts:profile", everyone()),
    Case("accounts:my_access_log", everyone()),
    Case("accounts:password_change", everyone()),
    Case("accounts:password_change_done", everyone()),
    Case("accounts:password_reset", public()),
    Case("accounts:password_reset_done", public()),
    Case(
        "accounts:password_reset_confirm",
        public(),
        kwargs=lambda c: {"uidb64": "MQ", "token": "invalid-token"},
        note="invalid token",
    ),
    Case("accounts:password_reset_complete", public()),
]
