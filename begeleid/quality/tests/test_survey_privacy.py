"""The disclosure rule for survey breakdowns: threshold k plus complementary suppression."""

import itertools

import pytest

from begeleid.quality.survey_privacy import disclose

K = 5


def _decision(counts, k=K):
    d = disclose(counts, k)
    return set(d.shown), set(d.below_k), set(d.complementary), d.total_shown


def test_survey_privacy_all_groups_at_k_are_all_shown():
    assert _decision({1: 5, 2: 9}) == ({1, 2}, set(), set(), True)


def test_survey_privacy_one_small_group_hides_the_next_smallest_as_well():
    # The round-page leak: total 18 beside rows 10 and 6 gives the group of 2 away.
    assert _decision({1: 10, 2: 6, 3: 2}) == ({1}, {3}, {2}, True)


def test_survey_privacy_two_small_groups_reaching_k_together_need_nothing_more():
    assert _decision({1: 10, 2: 2, 3: 3}) == ({1}, {2, 3}, set(), True)


def test_survey_privacy_two_small_groups_below_k_together_hide_the_next_smallest():
    assert _decision({1: 10, 2: 6, 3: 1, 4: 2}) == ({1}, {3, 4}, {2}, True)


def test_survey_privacy_single_large_group_beside_a_small_one_shows_only_the_total():
    assert _decision({1: 5, 2: 1}) == (set(), {2}, {1}, True)


def test_survey_privacy_total_below_k_is_hidden_with_every_group():
    assert _decision({1: 2, 2: 2}) == (set(), {1, 2}, set(), False)
    assert _decision({1: 3, 2: 2}) == (set(), {1, 2}, set(), True)


def test_survey_privacy_ties_hide_the_lowest_key_so_every_page_decides_alike():
    assert _decision({7: 6, 3: 6, 9: 1}) == ({7}, {9}, {3}, True)
    assert _decision({3: 6, 9: 1, 7: 6}) == ({7}, {9}, {3}, True)


def test_survey_privacy_empty_groups_count_as_absent():
    assert _decision({1: 0, 2: 7}) == ({2}, set(), set(), True)
    assert _decision({}) == (set(), set(), set(), False)


def test_survey_privacy_threshold_must_be_positive():
    with pytest.raises(ValueError):
        disclose({1: 4}, 0)


@pytest.mark.parametrize("k", [3, 4, 5])
def test_survey_privacy_no_subtraction_isolates_fewer_than_k(k):
    """Every breakdown of up to four groups of 0..2k responses: what is withheld holds
    nothing or at least k responses (so total minus the shown rows never isolates fewer than
    k), every shown group reaches k, and at most one group is withheld only to protect."""
    for counts in itertools.product(range(2 * k + 1), repeat=4):
        groups = dict(enumerate(counts))
        d = disclose(groups, k)
        present = {g for g, n in groups.items() if n}
        withheld = sum(groups[g] for g in d.withheld)
        assert d.shown | d.withheld == present and not d.shown & d.withheld, groups
        assert all(groups[g] >= k for g in d.shown), groups
        assert d.total_shown == (sum(counts) >= k), groups
        if d.total_shown:
            assert withheld == 0 or withheld >= k, groups
        else:
            assert not d.shown, groups
        assert len(d.complementary) <= 1, groups
        # Nothing is withheld without need.
        assert bool(d.complementary) == (0 < sum(groups[g] for g in d.below_k) < k <= sum(counts))
