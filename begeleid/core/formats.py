"""Amounts of money as the active language writes them, the same on pages, CSV and PDF."""

from decimal import Decimal

from django.utils.formats import number_format


def euro(value) -> str:
    """``€ 4.500,00`` in Dutch, ``€ 4,500.00`` in English; empty for no value.

    Always two decimals and grouped thousands, whatever the database returns (SQLite gives
    ``4500``, PostgreSQL ``Decimal('4500.00')``)."""
    if value is None or value == "":
        return ""
    return "€\u00a0" + number_format(Decimal(value), decimal_pos=2, force_grouping=True)
