"""Numbers as the active language writes them, for what is written outside templates.

Pages localise numbers through the template engine (``4,2`` in Dutch, ``4.2`` in
English). The CSV exports, the PDFs, chart labels and finding texts are written in Python,
so they go through here and read exactly as the page does: ``number`` is the template's
``floatformat`` (rounding half up) when a number of decimals is given, and the template's
own localisation of the value otherwise. No thousands separator (as on the pages).

The CSV files follow the language too: with ``;`` between fields and ``4,2`` in Dutch they
open as numbers in a Dutch spreadsheet.
"""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.formats import number_format


def number(value, decimals=None) -> str:
    """``value`` in the active language; ``decimals`` fixes the digits after the comma."""
    if value is None:
        return ""
    if decimals is not None:
        return str(floatformat(value, decimals))
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return number_format(value)
    return str(value)


def compact(value) -> str:
    """Whole numbers without decimals (``12``), others as they are (``12,5``)."""
    value = float(value or 0)
    return str(int(value)) if value.is_integer() else number_format(value)
