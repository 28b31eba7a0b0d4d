"""The figures of a closed calibration session, computed once from its scores.

Units of agreement are (case, criterion) pairs. The result is plain JSON so it is frozen
on the session at closing and the trend across sessions reads one row per session.
"""

from statistics import mean

from .reliability import (
    category_counts,
    cohen_kappa,
    confusion_table,
    fleiss_kappa,
    krippendorff_alpha,
)

# An assessor whose mean deviation from the group is at least half a scale point is
# clearly stricter or milder than the others; below that it is noise with few cases.
SEVERITY_THRESHOLD = 0.5


def _rounded(value):
    return None if value is None else round(value, 3)


def _coefficients(data, categories, level):
    """alpha always; Fleiss when every unit has the same number (≥ 2) of raters; Cohen for two."""
    figures = {"alpha": _rounded(krippendorff_alpha(data, level)), "fleiss": None, "cohen": None}
    if not data or not data[0]:
        return figures
    counts = category_counts(data, categories)
    per_unit = {sum(row) for row in counts}
    if len(per_unit) == 1 and per_unit.pop() >= 2:
        figures["fleiss"] = _rounded(fleiss_kappa(counts))
    if len(data) == 2:
        figures["cohen"] = _rounded(cohen_kappa(confusion_table(data[0], data[1], categories)))
    return figures


def session_results(*, cases, criteria, assessors, scores, categories, level):
    """``scores`` maps (case_id, criterion_id, assessor_id) to a value of ``categories``.

    ``cases``, ``criteria`` and ``assessors`` are lists of ids in display order.
    """
    units = [(case, criterion) for criterion in criteria for case in cases]
    rows = [[scores.get((case, crit, a)) for case, crit in units] for a in assessors]
    result = {
        "level": level,
        "overall": _coefficients(rows, categories, level),
        "criteria": [],
        "assessors": [],
    }
    for criterion in criteria:
        per = [[scores.get((case, criterion, a)) for case in cases] for a in assessors]
        ranges = []
        for index in range(len(cases)):
            given = [row[index] for row in per if row[index] is not None]
            ranges.append([min(given), max(given)] if given else None)
        spans = [high - low for low, high in filter(None, ranges)]
        result["criteria"].append(
            {
                "id": criterion,
                **_coefficients(per, categories, level),
                "ranges": ranges,
                "mean_range": _rounded(mean(spans)) if spans else None,
                "max_range": max(spans) if spans else None,
            }
        )
    result["assessors"] = _severity(rows, assessors)
    return result


def _severity(rows, assessors):
    """Each assessor's mean deviation from the unit means (negative: stricter)."""
    unit_means = []
    for index in range(len(rows[0]) if rows else 0):
        given = [row[index] for row in rows if row[index] is not None]
        unit_means.append(mean(given) if len(given) >= 2 else None)
    figures = []
    for assessor, row in zip(assessors, rows, strict=True):
        deviations = [
            value - unit_means[i]
            for i, value in enumerate(row)
            if value is not None and unit_means[i] is not None
        ]
        figures.append(
            {
                "id": assessor,
                "scored": sum(value is not None for value in row),
                "deviation": _rounded(mean(deviations)) if deviations else None,
                "outlier": False,
            }
        )
    scored = [f for f in figures if f["deviation"] is not None]
    if scored:
        furthest = max(scored, key=lambda f: abs(f["deviation"]))
        furthest["outlier"] = abs(furthest["deviation"]) >= SEVERITY_THRESHOLD
    return figures
