"""Which survey figures may be shown: the threshold k, with complementary suppression.

A breakdown shows a total and one figure per group (per supervisor, per team, ...). Hiding
only the groups below k is not enough: with one hidden group, its figures are the total
minus the groups that are shown. So whenever the hidden groups hold together between 1 and
k-1 responses, the next-smallest shown group is hidden as well, and the next, until the
hidden remainder reaches k; the total itself is shown only from k responses on.

After ``disclose`` the total minus every shown group is either nothing or at least k
responses, so no subtraction of shown figures isolates fewer than k respondents.

The rule is pure (counts in, decision out); ``queries_survey`` applies it to every survey
figure, and every page, export and report reads its figures there.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Disclosure:
    """What a breakdown may show. Groups without responses appear in neither set."""

    shown: frozenset
    below_k: frozenset  # hidden because they hold fewer than k responses
    complementary: frozenset  # hidden (though at least k) so the others cannot be derived
    total_shown: bool

    @property
    def withheld(self) -> frozenset:
        return self.below_k | self.complementary


def disclose(counts: Mapping[Hashable, int], k: int) -> Disclosure:
    """Decide which groups of a breakdown (``counts``: group → responses) may be shown.

    - a group with fewer than k responses is withheld;
    - while the withheld groups hold between 1 and k-1 responses together, the smallest
      shown group is withheld too (ties: the lowest key, so every page decides alike);
    - the total is shown only when it holds at least k responses.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    groups = {group: n for group, n in counts.items() if n > 0}
    below_k = {group for group, n in groups.items() if n < k}
    remainder = sum(groups[group] for group in below_k)
    candidates = sorted((n, group) for group, n in groups.items() if group not in below_k)
    complementary = set()
    while 0 < remainder < k and candidates:
        n, group = candidates.pop(0)
        complementary.add(group)
        remainder += n
    return Disclosure(
        shown=frozenset(group for _n, group in candidates),
        below_k=frozenset(below_k),
        complementary=frozenset(complementary),
        total_shown=sum(groups.values()) >= k,
    )
