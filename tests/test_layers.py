"""The import direction of docs/architecture.md: a lower app never uses a higher one.

Checked on the source (every ``import`` of ``begeleid.<app>``) and on the model graph
(every relation, which a string label such as ``"assessment.Competence"`` also creates).
Tests are exempt: they may build data of any app. Two relations are the documented
exceptions (docs/decisions.md 5): every model may point to the tenant,
``organisations.Organisation``, and to the user model through ``AUTH_USER_MODEL``.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

import begeleid

LAYERS = [
    "core",
    "organisations",
    "accounts",
    "programmes",
    "frameworks",
    "guidance",
    "formative",
    "assessment",
    "collaboration",
    "quality",
    "reports",
    "demo",
]
RANK = {name: rank for rank, name in enumerate(LAYERS)}
ROOT = Path(begeleid.__file__).parent
EVERYONE_MAY_POINT_TO = {"organisations.Organisation", settings.AUTH_USER_MODEL}


def _imported_apps(path: Path, own: str) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "begeleid" and len(parts) > 1 and parts[1] in RANK:
                found.add(parts[1])
    return found - {own}


def _source_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" in path.relative_to(ROOT / app).parts:
            continue
        yield path


def test_every_app_is_in_a_layer():
    on_disk = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert on_disk == set(LAYERS)


@pytest.mark.parametrize("app", LAYERS)
def test_app_imports_only_lower_apps(app):
    upward = []
    for path in _source_files(app):
        for other in _imported_apps(path, app):
            if RANK[other] > RANK[app]:
                upward.append(f"{path.relative_to(ROOT)} imports {other}")
    assert upward == []


def test_model_relations_point_only_to_lower_or_same_apps():
    upward = []
    for model in apps.get_models():
        own = model._meta.app_label
        if own not in RANK:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            if field.related_model._meta.label in EVERYONE_MAY_POINT_TO:
                continue
            other = field.related_model._meta.app_label
            if other in RANK and RANK[other] > RANK[own]:
                upward.append(
                    f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
                )
    assert upward == []
