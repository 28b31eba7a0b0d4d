"""Inter-rater reliability: Krippendorff's alpha, Fleiss' kappa and Cohen's kappa.

Pure functions over plain Python data, so calibration sessions, reports and tests share
one implementation. Each returns ``None`` when the coefficient is undefined (no pairable
values, or no variation at all, so expected disagreement is zero) rather than inventing a
number: a team should read "not computable", not a perfect score.
"""

from collections import Counter
from collections.abc import Hashable, Sequence

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]], level: str = "nominal"):
    """Krippendorff's alpha for ``data``: one row per rater, one value (or None) per unit.

    Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": build the
    coincidence matrix from every unit with at least two values, then
    alpha = 1 - (n - 1) * sum(o_ck * d_ck) / sum(n_c * n_k * d_ck).
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level of measurement: {level!r}")
    if not data:
        return None
    width = len(data[0])
    if any(len(row) != width for row in data):
        raise ValueError("every rater needs one entry per unit")

    coincidences: Counter = Counter()
    for unit in range(width):
        values = [row[unit] for row in data if row[unit] is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] += 1 / (m - 1)
    if not coincidences:
        return None

    totals: Counter = Counter()
    for (c, _k), o in coincidences.items():
        totals[c] += o
    n = sum(totals.values())
    categories = sorted(totals) if level != "nominal" else list(totals)
    delta = _metric(level, categories, totals)

    observed = sum(o * delta(c, k) for (c, k), o in coincidences.items())
    expected = sum(totals[c] * totals[k] * delta(c, k) for c in categories for k in categories)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def _metric(level, categories, totals):
    if level == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if level == "interval":
        return lambda c, k: float(c - k) ** 2
    if level == "ratio":
        return lambda c, k: 0.0 if c == k else ((c - k) / (c + k)) ** 2
    # Ordinal: the distance between two ranks is the number of pairable values between
    # them, counting the two end categories half (Krippendorff 2011, section E).
    rank = {c: i for i, c in enumerate(categories)}
    cumulative = [0.0]
    for c in categories:
        cumulative.append(cumulative[-1] + totals[c])

    def ordinal(c, k):
        low, high = sorted((rank[c], rank[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (totals[c] + totals[k]) / 2) ** 2

    return ordinal


def fleiss_kappa(counts: Sequence[Sequence[int]]):
    """Fleiss' kappa: one row per subject with the number of raters per category.

    Every subject must have been rated by the same number of raters (Fleiss 1971).
    """
    if not counts:
        return None
    raters = sum(counts[0])
    if raters < 2 or any(sum(row) != raters for row in counts):
        raise ValueError("Fleiss' kappa needs the same number (at least two) of raters per subject")
    subjects = len(counts)
    categories = len(counts[0])
    p = [sum(row[j] for row in counts) / (subjects * raters) for j in range(categories)]
    agreement = [(sum(x * x for x in row) - raters) / (raters * (raters - 1)) for row in counts]
    p_bar = sum(agreement) / subjects
    p_e = sum(x * x for x in p)
    if p_e == 1:
        return None
    return (p_bar - p_e) / (1 - p_e)


def cohen_kappa(table: Sequence[Sequence[int]]):
    """Cohen's kappa from a square confusion table (rows: rater 1, columns: rater 2)."""
    size = len(table)
    if size == 0 or any(len(row) != size for row in table):
        raise ValueError("Cohen's kappa needs a square table")
    total = sum(sum(row) for row in table)
    if total == 0:
        return None
    p_o = sum(table[i][i] for i in range(size)) / total
    rows = [sum(row) / total for row in table]
    cols = [sum(table[i][j] for i in range(size)) / total for j in range(size)]
    p_e = sum(r * c for r, c in zip(rows, cols, strict=True))
    if p_e == 1:
        return None
    return (p_o - p_e) / (1 - p_e)


def confusion_table(first: Sequence, second: Sequence, categories: Sequence):
    """Cross-tabulate two raters' values over the units both rated."""
    index = {c: i for i, c in enumerate(categories)}
    table = [[0] * len(categories) for _ in categories]
    for a, b in zip(first, second, strict=True):
        if a is not None and b is not None:
            table[index[a]][index[b]] += 1
    return table


def category_counts(data: Sequence[Sequence], categories: Sequence):
    """Per unit, how many raters chose each category (the input for Fleiss' kappa)."""
    index = {c: i for i, c in enumerate(categories)}
    width = len(data[0]) if data else 0
    rows = []
    for unit in range(width):
        row = [0] * len(categories)
        for rater in data:
            if rater[unit] is not None:
                row[index[rater[unit]]] += 1
        rows.append(row)
    return rows


__all__ = [
    "LEVELS",
    "category_counts",
    "cohen_kappa",
    "confusion_table",
    "fleiss_kappa",
    "krippendorff_alpha",
]
