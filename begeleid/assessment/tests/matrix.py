from tests.authz import Case, everyone, only

framework = lambda c: {"uuid": c.framework.uuid}  # noqa: E731
published = lambda c: {"uuid": c.rubric_version.uuid}  # noqa: E731
draft = lambda c: {"uuid": c.draft_rubric_version.uuid}  # noqa: E731

CASES = [
    Case("assessment:framework_list", everyone()),
    Case("assessment:framework_detail", everyone(stranger=404), kwargs=framework),
    Case("assessment:framework_import", only("admin", "hr", stranger=200)),
    Case(
        "assessment:framework_import",
        only("admin", "hr", stranger=200),
        method="post",
        data=lambda c: {},
        note="empty form",
    ),
    Case("assessment:framework_export", only("admin", "hr"), kwargs=framework),
    Case("assessment:rubric_list", everyone()),
    Case("assessment:rubric_version_detail", everyone(stranger=404), kwargs=published),
    Case(
        "assessment:rubric_version_publish",
        only("admin", "hr", ok=302),
        kwargs=draft,
        method="post",
    ),
    Case(
        "assessment:rubric_version_new_draft",
        only("admin", "hr", ok=302),
        kwargs=published,
        method="post",
    ),
]
