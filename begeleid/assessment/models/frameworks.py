"""Competence frameworks moved to ``begeleid.frameworks`` (a lower app, docs/decisions.md).

This module stays because migration 0001 refers to ``new_identifier`` by this path.
"""

from begeleid.frameworks.models import Competence, Framework, new_identifier, tree_order

__all__ = ["Competence", "Framework", "new_identifier", "tree_order"]
