"""Draw the median time per page and size from ``manage.py bench --json`` as an SVG.

``python loadtest/chart.py var/bench.json docs/performance-bench.svg``, or side by side:
``python loadtest/chart.py before=var/before.json after=var/bench.json docs/performance-bench.svg``

Plain SVG, no chart library: one horizontal bar per page and size, labelled with the
milliseconds, so the picture reads without colour too.
"""

import json
import sys
from html import escape
from pathlib import Path

COLOURS = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5"]  # one per size
ROW, BAR, LABEL_W, CHART_W, TOP = 18, 14, 300, 420, 56


def svg(results, title="Median time per page (ms)"):
    sizes = list(dict.fromkeys(r["size"] for r in results))
    pages = list(dict.fromkeys(r["page"] for r in results))
    median = {(r["page"], r["size"]): r["median_ms"] for r in results}
    longest = max(median.values(), default=1) or 1
    group = ROW * len(sizes) + 10
    height = TOP + group * len(pages) + 20
    width = LABEL_W + CHART_W + 80
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="t d" '
        'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">Median response time in milliseconds for each page at sizes '
        f"{escape(', '.join(sizes))}, measured by manage.py bench.</desc>",
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="8" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i, size in enumerate(sizes):
        x = LABEL_W + i * 90
        out.append(
            f'<rect x="{x}" y="30" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
            f'<text x="{x + 16}" y="40">size {escape(size)}</text>'
        )
    for p, page in enumerate(pages):
        y0 = TOP + p * group
        out.append(
            f'<text x="{LABEL_W - 8}" y="{y0 + group / 2}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(page)}</text>'
        )
        for i, size in enumerate(sizes):
            value = median.get((page, size))
            if value is None:
                continue
            y = y0 + i * ROW
            w = max(1.0, CHART_W * value / longest)
            out.append(
                f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR}" '
                f'fill="{COLOURS[i % len(COLOURS)]}"/>'
                f'<text x="{LABEL_W + w + 4:.1f}" y="{y + BAR - 3}">{value:.1f}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def load(args):
    """Results from ``PATH`` or ``LABEL=PATH`` arguments; a label is added to the sizes
    ("S before", "M after"), so that runs can be drawn side by side."""
    results = []
    for arg in args:
        label, _, path = arg.rpartition("=")
        for row in json.loads(Path(path).read_text(encoding="utf-8")):
            results.append({**row, "size": f"{row['size']} {label}" if label else row["size"]})
    return results


if __name__ == "__main__":
    Path(sys.argv[-1]).write_text(svg(load(sys.argv[1:-1])), encoding="utf-8")
