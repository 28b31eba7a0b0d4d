"""Reliability coefficients against published worked examples (exact to three decimals)."""

import pytest

from begeleid.quality.reliability import (
    category_counts,
    cohen_kappa,
    confusion_table,
    fleiss_kappa,
    krippendorff_alpha,
)

N = None
# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
# for Communication, University of Pennsylvania, section C/E: four observers, twelve
# units, values 1–5, with missing data (unit 12 has a single value and is not pairable).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_alpha_matches_the_2011_example_at_every_level(level, expected):
    assert krippendorff_alpha(KRIPPENDORFF_2011, level) == pytest.approx(expected, abs=0.001)


def test_krippendorff_alpha_matches_the_2011_binary_two_observer_example():
    # Krippendorff (2011), section A: two observers, ten units, binary data: alpha = 0.095.
    data = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    assert krippendorff_alpha(data, "nominal") == pytest.approx(0.095, abs=0.001)


def test_krippendorff_alpha_ignores_raters_skipping_units():
    # A fifth rater who scored nothing and a unit nobody scored change nothing.
    data = [row + [N] for row in KRIPPENDORFF_2011] + [[N] * 13]
    assert krippendorff_alpha(data, "ordinal") == pytest.approx(0.815, abs=0.001)


def test_krippendorff_alpha_is_one_for_perfect_agreement_with_variation():
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3]], "ordinal") == 1.0


def test_krippendorff_alpha_is_undefined_without_variation_or_pairs():
    assert krippendorff_alpha([[2, 2, 2], [2, 2, 2]]) is None
    assert krippendorff_alpha([[1, N], [N, 2]]) is None
    assert krippendorff_alpha([]) is None


def test_krippendorff_alpha_refuses_unknown_level_and_ragged_rows():
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2]], "cardinal")
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2], [1]])


def test_fleiss_kappa_matches_the_wikipedia_worked_example():
    # Wikipedia, "Fleiss' kappa", worked example: 14 raters, 10 subjects, 5 categories,
    # P-bar = 0.378, P-bar-e = 0.213, kappa = 0.210.
    counts = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    assert fleiss_kappa(counts) == pytest.approx(0.210, abs=0.001)


def test_fleiss_kappa_needs_the_same_number_of_raters_per_subject():
    with pytest.raises(ValueError):
        fleiss_kappa([[2, 0], [1, 0]])
    assert fleiss_kappa([[2, 0], [2, 0]]) is None  # one category only: undefined


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, p_o 0.7, p_e 0.5.
        ([[20, 5], [10, 15]], 0.4),
        # Same article, "same percentages but different numbers": 0.1304 and 0.2593.
        ([[45, 15], [25, 15]], 0.1304),
        ([[25, 35], [5, 35]], 0.2593),
    ],
)
def test_cohen_kappa_matches_the_wikipedia_examples(table, expected):
    assert cohen_kappa(table) == pytest.approx(expected, abs=0.001)


def test_cohen_kappa_refuses_a_table_that_is_not_square():
    with pytest.raises(ValueError):
        cohen_kappa([[1, 2], [3]])


def test_confusion_table_and_category_counts_skip_missing_values():
    assert confusion_table([1, 2, N, 2], [1, 1, 2, 2], [1, 2]) == [[1, 0], [1, 1]]
    assert category_counts([[1, 2, N], [1, 1, 2]], [1, 2]) == [[2, 0], [1, 1], [0, 1]]
