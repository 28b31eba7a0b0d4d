"""Chart geometry for server-side SVG (dashboards) and reportlab (PDF): no JavaScript.

A chart is a list of labelled values; the templates draw rectangles from the geometry
computed here and always print the same figures as a table (the text alternative).
"""

from dataclasses import dataclass, field

from .numbers import compact

BAR_WIDTH = 360  # px available for the longest bar
LABEL_WIDTH = 170
ROW_HEIGHT = 26
BAR_HEIGHT = 16
COLUMN_AREA_HEIGHT = 120
COLUMN_WIDTH = 24
COLUMN_GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    width: int
    y: int
    text_y: int


@dataclass
class BarChart:
    """Horizontal bars, one per row; ``unit`` is appended in the text alternative."""

    title: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT + 4

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_WIDTH + 60

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def value_x(self):
        return LABEL_WIDTH + BAR_WIDTH + 6

    @property
    def is_empty(self) -> bool:
        return not any(b.value for b in self.bars)


def bar_chart(title: str, rows, fmt=compact) -> BarChart:
    """``rows``: [(label, value)] in display order."""
    rows = list(rows)
    top = max((float(v or 0) for _, v in rows), default=0) or 1
    bars = []
    for i, (label, value) in enumerate(rows):
        value = float(value or 0)
        y = i * ROW_HEIGHT + 4
        bars.append(
            Bar(
                label=str(label),
                value=value,
                display=fmt(value),
                width=round(BAR_WIDTH * value / top),
                y=y,
                text_y=y + BAR_HEIGHT - 3,
            )
        )
    return BarChart(title=title, bars=bars)


@dataclass(frozen=True)
class Column:
    label: str
    value: float
    x: int
    y: int
    height: int
    text_x: int


@dataclass
class ColumnChart:
    """Vertical columns over time (e.g. per week), oldest left."""

    title: str
    columns: list[Column] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max(1, len(self.columns)) * (COLUMN_WIDTH + COLUMN_GAP) + COLUMN_GAP

    @property
    def height(self) -> int:
        return COLUMN_AREA_HEIGHT + 24

    @property
    def baseline(self) -> int:
        return COLUMN_AREA_HEIGHT

    @property
    def label_y(self) -> int:
        return COLUMN_AREA_HEIGHT + 16

    @property
    def is_empty(self) -> bool:
        return not any(c.value for c in self.columns)


def column_chart(title: str, rows) -> ColumnChart:
    rows = list(rows)
    top = max((float(v or 0) for _, v in rows), default=0) or 1
    columns = []
    for i, (label, value) in enumerate(rows):
        value = float(value or 0)
        height = round((COLUMN_AREA_HEIGHT - 14) * value / top)
        x = COLUMN_GAP + i * (COLUMN_WIDTH + COLUMN_GAP)
        columns.append(
            Column(
                label=str(label),
                value=value,
                x=x,
                y=COLUMN_AREA_HEIGHT - height,
                height=height,
                text_x=x + COLUMN_WIDTH // 2,
            )
        )
    return ColumnChart(title=title, columns=columns)
