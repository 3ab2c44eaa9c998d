"""Plots for the eval report as inline SVG strings, drawn here so the report needs nothing.

The report is one HTML file read offline: no plotting library, no script, no external
stylesheet. Two kinds of chart are enough: scores by group (horizontal bars, one per
score, with a legend) and a latency histogram.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

WIDTH = 640
LABEL_WIDTH = 170
"""Room on the left for group names (longer ones are cut, the full name in a tooltip)."""
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
"""Okabe-Ito colours, told apart with colour-blindness too."""
BAR = 12
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def milliseconds(value: float) -> str:
    """A duration for an axis label: ``0.42 ms``, ``12 ms``, ``1.3 s``."""
    if value >= 1000:
        return f"{value / 1000:.3g} s"
    return f"{value:.2g} ms" if value < 1 else f"{value:.3g} ms"


def _svg(height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<text x="0" y="14" {FONT} font-size="13" font-weight="600">{escape(title)}</text>'
        + "".join(body)
        + "</svg>"
    )


def _cut(label: str, chars: int = 26) -> str:
    return label if len(label) <= chars else label[: chars - 1] + "…"


def grouped_bars(
    title: str,
    groups: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    maximum: float = 1.0,
) -> str:
    """One row per group, one bar per series (a score key); None leaves a gap."""
    keys = list(series)
    top = 24 + 18 * ((len(keys) + 2) // 3)  # the title, then the legend, 3 keys a line
    row = BAR * len(keys) + 8
    plot = WIDTH - LABEL_WIDTH - 50
    height = top + row * len(groups) + 24
    scale = max([maximum, *(v for values in series.values() for v in values if v is not None)])
    body = _legend(keys, top)
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = LABEL_WIDTH + plot * tick
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 20}" stroke="#ddd"/>'
        )
        body.append(
            f'<text x="{x:.1f}" y="{height - 6}" {FONT} text-anchor="middle" fill="#555">'
            f"{scale * tick:.2g}</text>"
        )
    for g, group in enumerate(groups):
        y = top + g * row + 4
        body.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + row / 2:.1f}" {FONT} text-anchor="end" '
            f'dominant-baseline="middle"><title>{escape(group)}</title>{escape(_cut(group))}</text>'
        )
        for k, key in enumerate(keys):
            value = series[key][g]
            if value is None:
                continue
            width = plot * value / scale
            colour = PALETTE[k % len(PALETTE)]
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + k * BAR}" width="{width:.1f}" height="{BAR - 2}" '
                f'fill="{colour}"><title>{escape(f"{group} · {key}: {value:.3f}")}</title></rect>'
                f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + k * BAR + BAR / 2:.1f}" {FONT} '
                f'dominant-baseline="middle" fill="#333">{value:.2f}</text>'
            )
    return _svg(height, title, body)


def _legend(keys: Sequence[str], top: int) -> list[str]:
    items = []
    for k, key in enumerate(keys):
        x, y = (k % 3) * (WIDTH // 3), 22 + 18 * (k // 3)
        items.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>'
            f'<text x="{x + 14}" y="{y + 9}" {FONT}>{escape(_cut(key, 34))}</text>'
        )
    return items


def histogram(title: str, edges: Sequence[float], counts: Sequence[int], log: bool = False) -> str:
    """Bars of ``counts`` between ``edges`` (milliseconds); ``log`` notes a log-scaled axis."""
    height, top, bottom, left = 210, 28, 36, 40
    plot_w, plot_h = WIDTH - left - 10, height - top - bottom
    peak = max(counts, default=0) or 1
    width = plot_w / max(len(counts), 1)
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 10}" y2="{top + plot_h}" '
        'stroke="#999"/>',
        f'<text x="{left - 6}" y="{top + 4}" {FONT} text-anchor="end" fill="#555">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" {FONT} text-anchor="end" fill="#555">0</text>',
    ]
    for i, count in enumerate(counts):
        bar_h = plot_h * count / peak
        x = left + i * width
        label = f"{milliseconds(edges[i])}–{milliseconds(edges[i + 1])}: {count}"
        body.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot_h - bar_h:.1f}" width="{max(width - 2, 1):.1f}" '
            f'height="{bar_h:.1f}" fill="{PALETTE[0]}"><title>{escape(label)}</title></rect>'
        )
    step = max(1, len(counts) // 4)
    ticks = sorted({*range(0, len(edges), step), len(edges) - 1}) if edges else []
    for i in ticks:
        anchor = "end" if i == len(edges) - 1 else "middle"  # the last label stays inside
        body.append(
            f'<text x="{left + i * width:.1f}" y="{top + plot_h + 14}" {FONT} '
            f'text-anchor="{anchor}" fill="#555">{escape(milliseconds(edges[i]))}</text>'
        )
    axis = "time per example (log scale)" if log else "time per example"
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" {FONT} text-anchor="middle" '
        f'fill="#333">{axis}</text>'
    )
    return _svg(height, title, body)
