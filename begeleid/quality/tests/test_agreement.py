"""The figures frozen on a closed session: per criterion, overall, spread and severity."""

import pytest

from begeleid.quality.agreement import session_results


def _scores(table):
    """table: {assessor: {(case, criterion): value}} -> the service's flat mapping."""
    return {(c, k, a): v for a, row in table.items() for (c, k), v in row.items()}


def test_session_results_per_criterion_overall_spread_and_severity():
    # Three assessors, two cases, two criteria. On criterion 10 they agree; on 20 the
    # third assessor is two points milder.
    table = {
        1: {(100, 10): 2, (101, 10): 4, (100, 20): 2, (101, 20): 3},
        2: {(100, 10): 2, (101, 10): 4, (100, 20): 2, (101, 20): 3},
        3: {(100, 10): 2, (101, 10): 4, (100, 20): 4, (101, 20): 5},
    }
    result = session_results(
        cases=[100, 101],
        criteria=[10, 20],
        assessors=[1, 2, 3],
        scores=_scores(table),
        categories=[1, 2, 3, 4, 5],
        level="ordinal",
    )
    first, second = result["criteria"]
    assert first["alpha"] == 1.0
    assert first["fleiss"] == 1.0
    assert first["ranges"] == [[2, 2], [4, 4]]
    assert first["mean_range"] == 0
    assert second["ranges"] == [[2, 4], [3, 5]]
    assert second["mean_range"] == 2
    assert second["max_range"] == 2
    assert second["alpha"] < 0.667
    assert result["overall"]["cohen"] is None  # three raters
    severity = {a["id"]: a for a in result["assessors"]}
    # Unit means on criterion 20: 8/3 and 11/3; assessor 3 deviates +4/3 there, 0 on 10.
    assert severity[3]["deviation"] == pytest.approx(0.667, abs=0.001)
    assert severity[3]["outlier"] is True
    assert severity[1]["deviation"] == pytest.approx(-0.333, abs=0.001)
    assert severity[1]["outlier"] is False


def test_session_results_two_raters_give_cohen_and_missing_data_drops_fleiss():
    table = {1: {(1, 7): 1, (2, 7): 2, (3, 7): 2}, 2: {(1, 7): 1, (2, 7): 2}}
    result = session_results(
        cases=[1, 2, 3],
        criteria=[7],
        assessors=[1, 2],
        scores=_scores(table),
        categories=[1, 2],
        level="nominal",
    )
    figures = result["criteria"][0]
    assert figures["cohen"] == 1.0
    assert figures["alpha"] == 1.0
    assert figures["fleiss"] is None  # case 3 has one rater
    assert [a["scored"] for a in result["assessors"]] == [3, 2]
