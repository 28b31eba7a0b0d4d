"""The balance monitor: guidance moments per form against the phase's recommended mix.

Pure computation on counts; ``queries.balance_for_enrolments`` gathers the counts.
The rules, as the team agreed them in its settings:

* the window is the last ``window_weeks`` weeks up to a week ahead, so a moment that is
  already planned for the coming week counts (planning a missing form clears the
  warning); it never starts before the enrolment;
* planned and held moments count, cancelled ones do not;
* the recommended number per form is the phase's ``per_four_weeks`` scaled to the window;
* *missing*: a form the phase recommends had no moment at all in the window — only once
  the window is at least two weeks long, since earlier it says nothing;
* *dominant*: one form has more than ``dominance_percent`` of all moments, from three
  moments on (one or two moments are always "dominated" by something).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MIN_DAYS_FOR_MISSING = 14
MIN_MOMENTS_FOR_DOMINANCE = 3

CHART_WIDTH = 320
CHART_LABEL_WIDTH = 150
CHART_ROW_HEIGHT = 28
CHART_BAR_HEIGHT = 16


@dataclass(frozen=True)
class FormCount:
    form: str
    label: str
    planned: int
    held: int
    recommended: float

    @property
    def total(self) -> int:
        return self.planned + self.held


@dataclass(frozen=True)
class BalanceWarning:
    kind: str  # "missing" or "dominant"
    form: str
    message: str


@dataclass(frozen=True)
class ChartBar:
    label: str
    y: int
    text_y: int
    held_width: int
    planned_x: int
    planned_width: int
    target_x: int | None
    total: int
    recommended: float


@dataclass
class Balance:
    rows: list[FormCount]
    window_days: int
    warnings: list[BalanceWarning] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def window_weeks(self) -> int:
        return round(self.window_days / 7)

    @property
    def chart(self) -> list[ChartBar]:
        return chart_bars(self.rows)

    @property
    def chart_height(self) -> int:
        return max(1, len(self.rows)) * CHART_ROW_HEIGHT + 4


def compute_balance(
    *,
    counts: dict[str, tuple[int, int]],
    targets: dict[str, int],
    labels: dict[str, str],
    window_days: int,
    dominance_percent: int,
) -> Balance:
    """``counts``: form → (planned, held); ``targets``: form → recommended per four
    weeks; ``labels``: every form in display order → its name."""
    rows = []
    for form, label in labels.items():
        planned, held = counts.get(form, (0, 0))
        per_four_weeks = targets.get(form, 0)
        if not (planned or held or per_four_weeks):
            continue
        recommended = round(per_four_weeks * window_days / 28, 1)
        rows.append(FormCount(form, label, planned, held, recommended))
    balance = Balance(rows=rows, window_days=window_days)
    weeks = balance.window_weeks
    if window_days >= MIN_DAYS_FOR_MISSING:
        for row in rows:
            if targets.get(row.form, 0) > 0 and row.total == 0:
                message = _(
                    "Geen %(form)s in de afgelopen %(weeks)s weken, terwijl de fase er "
                    "ongeveer %(recommended)s aanraadt."
                ) % {"form": row.label, "weeks": weeks, "recommended": _number(row.recommended)}
                balance.warnings.append(BalanceWarning("missing", row.form, message))
    total = balance.total
    if total >= MIN_MOMENTS_FOR_DOMINANCE:
        for row in rows:
            percent = round(100 * row.total / total)
            if 100 * row.total > dominance_percent * total:
                message = _(
                    "%(form)s is %(percent)s%% van alle begeleiding in de afgelopen "
                    "%(weeks)s weken (grens %(limit)s%%)."
                ) % {
                    "form": row.label[:1].upper() + row.label[1:],
                    "percent": percent,
                    "weeks": weeks,
                    "limit": dominance_percent,
                }
                balance.warnings.append(BalanceWarning("dominant", row.form, message))
    return balance


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def chart_bars(rows: list[FormCount]) -> list[ChartBar]:
    """Geometry of a horizontal bar chart: held (solid) then planned (light) per form,
    and a tick at the recommended number. Scaled to the largest value."""
    scale_max = max([row.total for row in rows] + [row.recommended for row in rows] + [1])
    usable = CHART_WIDTH - CHART_LABEL_WIDTH - 8

    def width(value):
        return round(usable * value / scale_max)

    bars = []
    for index, row in enumerate(rows):
        y = index * CHART_ROW_HEIGHT + 4
        held = width(row.held)
        bars.append(
            ChartBar(
                label=row.label,
                y=y,
                text_y=y + CHART_BAR_HEIGHT - 3,
                held_width=held,
                planned_x=CHART_LABEL_WIDTH + held,
                planned_width=width(row.total) - held,
                target_x=CHART_LABEL_WIDTH + width(row.recommended) if row.recommended else None,
                total=row.total,
                recommended=row.recommended,
            )
        )
    return bars
